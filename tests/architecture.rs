//! The invariants of docs/ARCHITECTURE.md that a reading of the source can check:
//!
//! - the layers: each module of `src/` uses only modules of lower layers, as the table
//!   in docs/ARCHITECTURE.md lists them (so the table and the code cannot drift apart,
//!   and the import graph has no cycle);
//! - only `files/` touches the file system (reading, writing, walking and watching it);
//! - no code outside `stdlib.rs` names a role, rule or guidance of the standard library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file: without comments and without its `#[cfg(test)]` module (tests
/// may name anything).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module of `src/` a file belongs to: `syntax` for `src/syntax/ast.rs`, `session`
/// for `src/lib.rs`.
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(root().join("src")).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy();
    match first.strip_suffix(".rs") {
        Some("lib") => "session".into(),
        Some(name) => name.into(),
        None => first.into_owned(),
    }
}

/// The layer table of docs/ARCHITECTURE.md: each module's layer.
fn layers() -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let start = text
        .find("| Layer | Modules |")
        .expect("the layer table in docs/ARCHITECTURE.md");
    let mut layers = BTreeMap::new();
    for line in text[start..].lines().skip(2) {
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let layer: usize = cells[1].parse().expect("a layer number");
        for module in cells[2].split(',') {
            let module = module.trim().trim_matches('`');
            layers.insert(module.to_string(), layer);
        }
    }
    layers
}

/// The modules of `src/` that `code` (of module `module`) uses.
fn uses(module: &str, code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let used = match word.as_str() {
            "Session" | "Input" | "Options" | "today" | "Format" => "session".to_string(),
            "alloc" | "" => continue,
            _ => word,
        };
        out.insert(used);
    }
    // `crate::{a, b::{c, d}, e}`: the first segment of each item at the group's top level.
    for (i, _) in code.match_indices("crate::{") {
        let rest = &code[i + "crate::{".len()..];
        for part in top_level_items(rest) {
            let word: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            match word.as_str() {
                "" | "self" => {}
                "Session" | "Input" | "Options" | "today" | "Format" => {
                    out.insert("session".into());
                }
                _ => {
                    out.insert(word);
                }
            }
        }
    }
    // The crate root names its modules without `crate::` (a path's first segment, not
    // `hir::coverage::`).
    if module == "session" {
        for name in known {
            let pattern = format!("{name}::");
            let first_segment = code.match_indices(&pattern).any(|(i, _)| {
                !code[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c == ':' || c.is_alphanumeric() || c == '_')
            });
            if first_segment {
                out.insert(name.clone());
            }
        }
    }
    out.remove(module);
    out
}

/// The items of a `{...}` group whose text starts just after its `{`, split at the commas
/// of its top level (a nested `b::{c, d}` is one item), up to its closing `}`.
fn top_level_items(rest: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&rest[start..i]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&rest[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&rest[start..]);
    items
}

#[test]
fn nested_groups_name_each_module_they_use() {
    let known = BTreeSet::new();
    let code = "use crate::{hir::{Cond, Flag}, check::Context, Session};";
    let used: Vec<String> = uses("ide", code, &known).into_iter().collect();
    assert_eq!(used, ["check", "hir", "session"]);
}

#[test]
fn each_module_uses_only_lower_layers() {
    let layers = layers();
    let known: BTreeSet<String> = layers.keys().cloned().collect();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for path in &files {
        let module = module_of(path);
        if module == "main" {
            continue;
        }
        seen.insert(module.clone());
        let Some(&layer) = layers.get(&module) else {
            wrong.push(format!("`{module}` ({}) is in no layer of the table", path.display()));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for used in uses(&module, &code(&text), &known) {
            match layers.get(&used) {
                Some(&l) if l < layer => {}
                Some(&l) => wrong.push(format!(
                    "{} ({module}, layer {layer}) uses `{used}` (layer {l})",
                    path.strip_prefix(root()).unwrap().display()
                )),
                None => wrong.push(format!(
                    "{} uses `{used}`, which is in no layer of the table",
                    path.strip_prefix(root()).unwrap().display()
                )),
            }
        }
    }
    let listed: BTreeSet<String> = layers.keys().cloned().collect();
    let gone: Vec<&String> = listed.difference(&seen).collect();
    assert!(gone.is_empty(), "the table lists modules that do not exist: {gone:?}");
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn only_files_rs_touches_the_file_system() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let touches = [
        "std::fs",
        "File::open",
        "File::create",
        ".is_dir()",
        ".is_file()",
        ".exists()",
        "canonicalize",
        "read_dir",
        ".metadata()",
        // Watching the file system, and walking it.
        "notify::",
        "ignore::",
    ];
    let mut wrong = Vec::new();
    for path in files {
        if path.starts_with(root().join("src/files")) {
            continue;
        }
        let text = code(&std::fs::read_to_string(&path).unwrap());
        for touch in touches {
            if text.contains(touch) {
                wrong.push(format!(
                    "{} uses `{touch}`",
                    path.strip_prefix(root()).unwrap().display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The roles, rules and guidance of the standard library, read by regard's own parser.
fn stdlib_names() -> BTreeSet<String> {
    use regard::syntax::ast::{Item, VocabKind};
    let mut names = BTreeSet::new();
    for (_, text) in regard::stdlib::FILES {
        for item in &regard::syntax::parse(text).file.items {
            match item {
                Item::Guidance(g) => {
                    names.insert(g.name.text.to_string());
                    names.extend(g.rules.iter().map(|r| r.name.text.to_string()));
                }
                Item::Vocab(v) if v.kind == VocabKind::Role => {
                    names.insert(v.name.text.to_string());
                }
                _ => {}
            }
        }
    }
    names
}

#[test]
fn no_code_outside_stdlib_rs_names_a_stdlib_role_rule_or_guidance() {
    let names = stdlib_names();
    assert!(names.contains("DCS") && names.contains("dcs_lmcs_2013") && names.contains("dcs_appointed"));
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut wrong = Vec::new();
    for path in files {
        // The generator writes sample councils for tests and benchmarks, as fixtures do.
        if path.ends_with("src/stdlib.rs") || path.ends_with("src/generate.rs") {
            continue;
        }
        let text = code(&std::fs::read_to_string(&path).unwrap());
        for literal in text.split('"').skip(1).step_by(2) {
            if names.contains(literal) {
                wrong.push(format!(
                    "{} names `{literal}`",
                    path.strip_prefix(root()).unwrap().display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The core never sees an editor's or a terminal's types: only `src/lsp/` uses the
/// protocol crates, and only the terminal renderer uses ariadne.
#[test]
fn protocol_and_terminal_types_stay_at_the_edge() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut wrong = Vec::new();
    for path in files {
        let text = code(&std::fs::read_to_string(&path).unwrap());
        let relative = path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
        for (krate, allowed) in [
            ("lsp_types", "src/lsp/"),
            ("lsp_server", "src/lsp/"),
            ("ariadne", "src/diagnostics/human.rs"),
        ] {
            if text.contains(krate) && !relative.starts_with(allowed) {
                wrong.push(format!("{relative} uses `{krate}`"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
