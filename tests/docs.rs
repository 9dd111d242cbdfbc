//! Every ```regard snippet in the README and in docs/ is real regard: it parses without
//! a syntax error, resolves against the standard library, and is in the layout
//! `regard fmt` writes. (Fragments that are not whole items are fenced as `text`.) The
//! README's install commands work on a fresh account.

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
        // The generated index shows examples that are meant to fail; tests/explain.rs
        // runs each of them with exact expectations.
        if path.extension().is_some_and(|e| e == "md") && !path.ends_with("diagnostics.md") {
            pages.push(path);
        }
    }
    let mut checked = 0;
    for page in pages {
        let markdown = std::fs::read_to_string(&page).expect("a page");
        // A page's snippets build on each other (a guide declares a role, then uses
        // it), so they are checked together, each as its own file.
        let inputs: Vec<Input> = snippets(&markdown)
            .into_iter()
            .map(|(line, snippet)| Input::text(format!("{}:{line}", page.display()), snippet))
            .collect();
        if inputs.is_empty() {
            continue;
        }
        // Examples show the canonical layout, as `regard fmt` writes it.
        for input in &inputs {
            let text = input.contents.text();
            if let Ok(formatted) = regard::fmt::format(text) {
                assert!(
                    formatted == text,
                    "{} is not formatted:\n{}",
                    input.path,
                    regard::fmt::diff(&input.path, text, &formatted)
                );
            }
        }
        checked += inputs.len();
        // A snippet that shows a guidance as the standard library writes it repeats the
        // standard library's own name, and that is all it may repeat.
        let copies_stdlib = inputs
            .iter()
            .any(|i| i.contents.text().contains("guidance dcs_lmcs_2013"));
        let options = Options {
            as_of: "2026-11-23".parse().unwrap(),
            stdlib: true,
            as_of_given: false,
        };
        let mut session = Session::new(inputs, options);
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
            "{}:\n{}",
            page.display(),
            session.render(regard::Format::Human, &diagnostics, false)
        );
    }
    assert!(checked >= 10, "only {checked} snippets found");
}

/// The README's commands for shell completions and manual pages work on a fresh account
/// (no `~/.local/share` yet): run as written, with `regard` on the `PATH` and `HOME` an
/// empty folder, they write the completions and the pages.
#[test]
#[cfg(unix)]
fn the_readmes_completion_and_manual_commands_work_on_a_fresh_account() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let commands: Vec<&str> = readme
        .lines()
        .filter(|l| {
            l.starts_with("mkdir -p ~/") || l.starts_with("regard completions") || l.starts_with("regard manpage")
        })
        .map(|l| l.split(" # ").next().unwrap().trim())
        .collect();
    assert_eq!(commands.len(), 3, "{commands:?}");
    let home = std::env::temp_dir().join(format!("regard-fresh-home-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_regard")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let o = std::process::Command::new("sh")
        .args(["-ec", &commands.join("\n")])
        .env("HOME", &home)
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let completions = home.join(".local/share/bash-completion/completions/regard");
    assert!(std::fs::read_to_string(completions).unwrap().contains("regard"));
    assert!(home.join(".local/share/man/man1/regard-check.1").is_file());
    let _ = std::fs::remove_dir_all(&home);
}
