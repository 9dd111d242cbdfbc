//! The one table of built-in codes. Each row gives a code's family, its title (the few
//! words of `regard explain`, docs/diagnostics.md and SARIF's rule names) and the label
//! under its primary span when a diagnostic gives none; its severity is its first
//! letter (`W` for a warning, else an error). The `Builtin` enum, its list, and the
//! lookup of each code's explanation (`explanations/CODE.md`, in the manner of rustc's
//! `error_codes/E0004.md`) all come from this table, so a new code is one row and one
//! Markdown file.

use super::Severity;

/// Which part of the pipeline raises a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// The file itself: reading, limits and syntax (E00xx).
    Input,
    /// Names that do not resolve (E01xx).
    Names,
    /// A council's declarations taken together (E02xx, W02xx).
    Council,
    /// Guidance that cannot be checked as written (E03xx, W03xx).
    Guidance,
    /// What `regard analyze` finds of guidance over every council of a bound (E031x,
    /// W031x, I031x).
    Analysis,
}

macro_rules! builtin_codes {
    ($($code:ident $family:ident $title:literal, $label:literal;)*) => {
        /// The built-in checks, by code (design section 6).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Builtin {
            $($code),*
        }

        const COUNT: usize = [$(stringify!($code)),*].len();

        impl Builtin {
            /// Every code, in code order.
            pub const ALL: [Builtin; COUNT] = [$(Builtin::$code),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Builtin::$code => stringify!($code)),*
                }
            }

            /// A few words: "unknown name".
            pub fn title(self) -> &'static str {
                match self {
                    $(Builtin::$code => $title),*
                }
            }

            /// The text under the primary span when the diagnostic gives none.
            pub fn label(self) -> &'static str {
                match self {
                    $(Builtin::$code => $label),*
                }
            }

            pub fn family(self) -> Family {
                match self {
                    $(Builtin::$code => Family::$family),*
                }
            }

            /// The long explanation, as Markdown: what it means, why it matters, an
            /// example that raises it, the example put right, and how to fix it.
            pub fn explanation(self) -> &'static str {
                match self {
                    $(Builtin::$code => include_str!(concat!("explanations/", stringify!($code), ".md"))),*
                }
            }
        }
    };
}

builtin_codes! {
    E0001 Input "a line that does not parse", "not valid here";
    E0002 Input "a file that cannot be read", "this file";
    E0003 Input "input beyond the limits", "over the limit";
    E0101 Names "unknown name", "not declared anywhere";
    E0102 Names "a name of the wrong kind", "the wrong kind of name";
    E0103 Names "declared twice", "declared again here";
    E0104 Names "a role that names no single post", "does not name a single post";
    E0105 Names "an ambiguous rule in a departure", "ambiguous";
    E0106 Names "a fact of law that is not a cited `must`", "not a cited `must`";
    E0107 Names "a declaration that joins what it cannot", "cannot be joined";
    E0202 Council "reporting lines in a circle", "part of the circle";
    E0203 Council "a joint post not declared back", "not declared back";
    W0204 Council "following superseded guidance", "replaced guidance";
    E0205 Council "a departure from a statutory duty or a fact of law", "cannot be departed from";
    E0206 Council "a departure without a clear reason", "this departure";
    W0207 Council "a departure that excuses nothing", "this departure excuses nothing";
    W0208 Council "an assurance record from the future", "after the check date";
    W0209 Council "following guidance not in force", "not in force on the check date";
    I0210 Council "a joint post whose partner is not among the files checked", "not among the files checked";
    W0211 Council "a council whose facts describe a date after today", "after today";
    W0212 Council "a name the standard library now declares", "declared again here";
    E0301 Guidance "a clause that says nothing", "an incomplete clause";
    E0302 Guidance "a count qualified by posts", "only the council may be spoken of here";
    W0303 Guidance "contradicting clauses", "contradicts the earlier clause";
    W0305 Guidance "a paragraph neither encoded nor set aside", "not accounted for";
    W0306 Guidance "a citation of an undeclared paragraph", "not declared in `paragraphs`";
    E0304 Guidance "`replaces` that cannot hold", "cannot be replaced";
    E0310 Analysis "guidance no council can meet", "in conflict";
    W0311 Analysis "a clause that never fires", "no council can break this";
    I0312 Analysis "a clause the others imply", "implied by the other clauses";
    W0313 Analysis "guidance no council of some kind can meet", "in conflict for this kind of council";
}

impl Builtin {
    pub fn parse(text: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.as_str() == text)
    }

    /// Codes starting with `W` are warnings, with `I` information; the rest are errors.
    pub fn severity(self) -> Severity {
        match self.as_str().as_bytes()[0] {
            b'W' => Severity::Warning,
            b'I' => Severity::Info,
            _ => Severity::Error,
        }
    }
}

/// The long explanation of a built-in code (`regard explain E0101`, and
/// docs/diagnostics.md), read from its Markdown file. The file's sections are
/// `## What it means`, `## Why it matters`, `## An example that raises it`, `## The
/// example put right` and `## How to fix it`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub code: Builtin,
}

impl Explanation {
    pub fn of(code: Builtin) -> Explanation {
        Explanation { code }
    }

    pub fn title(self) -> &'static str {
        self.code.title()
    }

    /// The text under `## HEADING`, trimmed; empty if there is no such section.
    pub fn section(self, heading: &str) -> &'static str {
        let text = self.code.explanation();
        let start = format!("## {heading}\n");
        let Some(at) = text
            .match_indices(start.as_str())
            .find(|&(i, _)| i == 0 || text[..i].ends_with('\n'))
            .map(|(i, _)| i + start.len())
        else {
            return "";
        };
        let rest = &text[at..];
        let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
        rest[..end].trim()
    }

    /// What the diagnostic means.
    pub fn meaning(self) -> &'static str {
        self.section("What it means")
    }

    /// How to put it right.
    pub fn fix(self) -> &'static str {
        self.section("How to fix it")
    }

    /// Declarations that raise it.
    pub fn failing(self) -> Example {
        Example::parse(self.section("An example that raises it"))
    }

    /// The same declarations, put right.
    pub fn passing(self) -> Example {
        Example::parse(self.section("The example put right"))
    }

    /// The Markdown to show: the file, with the test-only attributes of its code
    /// fences (`also=...`) left out.
    pub fn markdown(self) -> String {
        let mut out = String::new();
        for line in self.code.explanation().lines() {
            match line.strip_prefix("```").and_then(|info| info.split_once(' ')) {
                Some((language, _)) => out.push_str(&format!("```{language}")),
                None => out.push_str(line),
            }
            out.push('\n');
        }
        out
    }
}

/// An example in an explanation: the first code block of its section. Examples are
/// checked with the standard library's vocabulary (not its guidance) on
/// [`Example::AS_OF`], and a test runs every one: a failing example raises its code (and
/// only the codes its fence lists in `also=`, besides notes); a passing example raises
/// no error, warning or information. A `text` block is a sketch of a file that cannot be
/// shown (not UTF-8, or too long); `explain::example_source` gives its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// What the reader sees.
    pub shown: &'static str,
    /// Whether `shown` is a sketch (a `text` block) rather than the file itself.
    pub sketch: bool,
    /// Other codes the example raises too.
    pub also: Vec<&'static str>,
}

impl Example {
    /// The date examples are checked on.
    pub const AS_OF: &'static str = "2025-06-01";

    fn parse(section: &'static str) -> Example {
        let Some(open) = section.find("```") else {
            return Example {
                shown: "",
                sketch: false,
                also: Vec::new(),
            };
        };
        let after = &section[open + 3..];
        let info_end = after.find('\n').unwrap_or(after.len());
        let info = &after[..info_end];
        let body = &after[(info_end + 1).min(after.len())..];
        let shown = &body[..body.find("```").unwrap_or(body.len())];
        let mut words = info.split_whitespace();
        let sketch = words.next() == Some("text");
        let also = words
            .filter_map(|w| w.strip_prefix("also="))
            .flat_map(|list| list.split(','))
            .collect();
        Example { shown, sketch, also }
    }
}
