//! No input makes regard panic: every fixture and example, mutated at random (bytes
//! inserted, deleted, duplicated; lines swapped), goes through the whole pipeline, JSON
//! and terminal rendering included, and the formatter too; the parser's fast path must
//! agree with the grammar on each. `REGARD_MUTATIONS` sets how many runs (default 300).

use std::path::{Path, PathBuf};

use regard::{Input, Options, Session};

/// A small xorshift generator: the test is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn corpus() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "regard") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["tests/ui", "examples", "stdlib"] {
        walk(&root.join(dir), &mut paths);
    }
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "\"",
    "\\",
    ",",
    ".",
    ":",
    "->",
    "_",
    "//",
    "///",
    "\n",
    "\r\n",
    "\t",
    " ",
    "not ",
    "and ",
    "or ",
    "must ",
    "unless ",
    "combine(",
    "assurance ",
    "holds ",
    "reports_to ",
    "DCS",
    "’",
    "é",
    "\u{feff}",
    "2025-02-29",
    "12 months",
    "shared with ",
    "depart ",
    "because ",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 => {
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
            1 if !bytes.is_empty() => {
                let end = (at + 1 + rng.below(40)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 if !bytes.is_empty() => {
                let end = (at + 1 + rng.below(80)).min(bytes.len());
                let copy: Vec<u8> = bytes[at.min(end)..end].to_vec();
                bytes.splice(at.min(end)..at.min(end), copy);
            }
            3 => bytes.insert(at, (rng.next() & 0xff) as u8),
            _ => {
                let lines: Vec<&str> = text.lines().collect();
                if lines.len() > 2 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    let mut lines = lines.clone();
                    lines.swap(a, b);
                    bytes = lines.join("\n").into_bytes();
                }
            }
        }
    }
    // Invalid UTF-8 is E0002, tested elsewhere; here the text must reach the parser.
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn mutated_files_never_panic() {
    let runs: usize = std::env::var("REGARD_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let corpus = corpus();
    assert!(corpus.len() > 50);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let options = Options {
        as_of: "2025-06-01".parse().unwrap(),
        stdlib: true,
        as_of_given: false,
    };
    for run in 0..runs {
        // Two files at once, so that cross-file checks (shared posts, duplicates) run too.
        let a = mutate(&corpus[rng.below(corpus.len())], &mut rng);
        let b = mutate(&corpus[rng.below(corpus.len())], &mut rng);
        let inputs = vec![Input::text("a.regard", a.clone()), Input::text("b.regard", b.clone())];
        let outcome = std::panic::catch_unwind(|| {
            let mut session = Session::new(inputs, options);
            let diagnostics = session.diagnostics();
            let _ = session.render(regard::Format::Json, &diagnostics, false);
            let _ = session.render(regard::Format::Human, &diagnostics, false);
            // What parses formats, and formatting it again changes nothing; what does
            // not parse is refused.
            for text in [&a, &b] {
                // The parser's fast path agrees with the grammar: when it gives a result,
                // the same tree and errors, and it gives one whenever there is no error.
                let reference = regard::syntax::parse_with_grammar(text);
                match regard::syntax::parse_fast(text) {
                    Some(fast) => assert_eq!(fast, reference, "fast path and grammar disagree"),
                    None => assert!(!reference.errors.is_empty(), "the fast path gave up on a good file"),
                }
                if let Ok(formatted) = regard::fmt::format(text) {
                    assert_eq!(
                        regard::fmt::format(&formatted).as_ref(),
                        Ok(&formatted),
                        "not idempotent"
                    );
                }
            }
        });
        if outcome.is_err() {
            let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
            std::fs::write(dir.join("panic_a.regard"), &a).unwrap();
            std::fs::write(dir.join("panic_b.regard"), &b).unwrap();
            panic!(
                "run {run} panicked; inputs saved as {}/panic_{{a,b}}.regard",
                dir.display()
            );
        }
    }
}
