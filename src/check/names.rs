//! Names that do not resolve: E0101 (unknown), E0102 (wrong kind), E0103 (declared
//! twice), E0104 (a role that names no single post), E0105 (an ambiguous rule).
//!
//! Lowering (`hir::lower`) finds these while it resolves names; the diagnostics and
//! their explanations are built here.

use crate::base::SourceFile;
use crate::diagnostics::{Builtin, Diagnostic, Example, Explanation, Fix};
use crate::hir::defs::{DefKind, DefMap};
use crate::hir::{Council, Def};
use crate::syntax::Span;
use crate::syntax::ast::Ident;

/// E0101 for `name`, a `noun` no file declares.
pub fn unknown(
    file: SourceFile,
    name: &Ident,
    noun: &str,
    suggestion: Option<&str>,
    fallback: Option<String>,
) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0101,
        file,
        name.span,
        format!("unknown {noun} `{}`", name.text),
    );
    d.help = match suggestion {
        Some(s) => Some(format!("a {noun} with a similar name exists: `{s}`")),
        None => fallback,
    };
    if let Some(s) = suggestion {
        d = d.with_fix(Fix::replace(
            format!("replace `{}` with `{s}`", name.text),
            name.span,
            s,
        ));
    }
    d
}

/// The help for an unknown name when no known name is close to it.
pub fn fallback_help(defs: &DefMap, name: &str, kind: DefKind) -> String {
    let known: Vec<String> = defs.names_of(kind).take(6).map(|n| format!("`{n}`")).collect();
    let keyword = match kind {
        DefKind::Guidance => {
            return match known.as_slice() {
                [] => "no guidance is declared in the files being checked".into(),
                _ => format!("the guidance declared in the workspace include {}", known.join(", ")),
            };
        }
        DefKind::Council => return format!("no council `{name}` is declared in the files being checked"),
        DefKind::Element => "element",
        other => other.noun(),
    };
    let declare = format!("declare it with `{keyword} {name} \"...\"`");
    match known.as_slice() {
        [] => declare,
        _ => format!(
            "{declare}, or use a declared {} such as {}",
            kind.noun(),
            known.join(", ")
        ),
    }
}

/// E0102 for a global name of the wrong kind.
pub fn wrong_kind(
    file: SourceFile,
    name: &Ident,
    def: &Def,
    def_span: Option<Span>,
    expected: DefKind,
    defs: &DefMap,
) -> Diagnostic {
    let d = Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!("`{}` is {}, not {}", name.text, def.kind.article(), expected.article()),
    );
    declared_here(expected_help(d, name, expected, defs), def, def_span)
}

/// Adds a label on where `def` is declared, and as what.
fn declared_here(d: Diagnostic, def: &Def, span: Option<Span>) -> Diagnostic {
    match span {
        Some(span) => d.with_label(
            def.file,
            span,
            format!("`{}` is declared as {} here", def.name, def.kind.article()),
        ),
        None => d,
    }
}

/// E0102 for a post of the council named where a body or function is expected.
pub fn post_not_item(
    file: SourceFile,
    name: &Ident,
    council: &Council,
    expected: DefKind,
    defs: &DefMap,
) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!(
            "`{}` is a post of `{}`, not {}",
            name.text,
            council.name,
            expected.article()
        ),
    );
    if let Some(i) = council.post(&name.text) {
        d = d.with_label(
            file,
            council.posts[i].name_span,
            format!("`{}` is declared as a post here", name.text),
        );
    }
    expected_help(d, name, expected, defs)
}

/// E0102 for a global name given where a post is expected.
pub fn not_a_post(file: SourceFile, name: &Ident, def: &Def, def_span: Option<Span>, council: &Council) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!("`{}` is {}, not a post", name.text, def.kind.article()),
    );
    d.help = Some(format!(
        "name a post of `{}`, or a role that one of its posts holds",
        council.name
    ));
    declared_here(d, def, def_span)
}

/// E0102 for a condition that does not fit what its clause is about.
pub fn misfit(file: SourceFile, span: Span, what: &str, on_posts: bool) -> Diagnostic {
    let (on, not_on, help) = match on_posts {
        true => (
            "posts",
            "assurance records",
            "use it in a clause about a role or `combine(...)`",
        ),
        false => (
            "assurance records",
            "posts",
            "use it in a clause about `assurance` records",
        ),
    };
    Diagnostic::builtin(
        Builtin::E0102,
        file,
        span,
        format!("{what} applies to {on}, not to {not_on}"),
    )
    .with_help(help)
}

/// The help of E0102, and the fix when a name of the expected kind is close.
fn expected_help(d: Diagnostic, name: &Ident, expected: DefKind, defs: &DefMap) -> Diagnostic {
    match defs.closest(&name.text, &[expected]) {
        Some(s) => d
            .with_help(format!("{} is expected here; did you mean `{s}`?", expected.article()))
            .with_fix(Fix::replace(
                format!("replace `{}` with `{s}`", name.text),
                name.span,
                s,
            )),
        None => d.with_help(format!("{} is expected here", expected.article())),
    }
}

/// E0103 for a declaration that repeats an earlier one.
pub fn duplicate(file: SourceFile, what: &str, later: Span, first_file: SourceFile, first: Span) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0103,
        file,
        later,
        format!("{what} is declared more than once"),
    )
    .with_label(first_file, first, "first declared here")
    .with_help("rename one of them, or remove the later declaration")
}

/// E0104 for a role used as a post that no post of the council holds.
pub fn role_held_by_no_post(file: SourceFile, name: &Ident, council: &str) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0104,
        file,
        name.span,
        format!("no post of `{council}` holds `{}`", name.text),
    )
    .with_help(format!(
        "name a post of `{council}` by its id, or add `holds {}` to the post you mean",
        name.text
    ))
}

/// E0104 for a role used as a post that several posts of the council hold.
pub fn role_held_by_several(file: SourceFile, name: &Ident, council: &Council, holders: &[usize]) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0104,
        file,
        name.span,
        format!(
            "several posts of `{}` hold `{}`, so it does not say which",
            council.name, name.text
        ),
    );
    for &i in holders {
        let p = &council.posts[i];
        if let Some(span) = p.holds_span(Some(&name.text)) {
            d = d.with_label(file, span, format!("`{}` holds `{}`", p.name, name.text));
        }
    }
    d.with_help("name the post by its id instead")
}

/// E0105 for an unqualified rule in `depart` that several followed guidance define:
/// each `(guidance, its file, the rule's name span)`.
pub fn ambiguous_rule(
    file: SourceFile,
    span: Span,
    rule: &str,
    council: &str,
    defining: &[(&str, SourceFile, Span)],
) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0105,
        file,
        span,
        format!("rule `{rule}` is defined by several guidance that `{council}` follows"),
    );
    for (guidance, gfile, rspan) in defining {
        d = d.with_label(*gfile, *rspan, format!("`{guidance}.{rule}` is defined here"));
    }
    let options: Vec<String> = defining.iter().map(|(g, _, _)| format!("`{g}.{rule}`")).collect();
    d.with_help(format!("qualify the rule with its guidance: {}", options.join(" or ")))
}

pub const EXPLANATIONS: &[Explanation] = &[
    Explanation {
        code: Builtin::E0101,
        title: "unknown name",
        meaning: "A name is used that no file declares: a role, body, function, assurance element, flag or relation of the vocabulary, a guidance, a council, a post of the council, or a rule in `depart`.",
        why: "A misspelt name would otherwise be checked as something that does not exist: a post that `holds DSC` holds no statutory role at all. regard reports the name once, suggests the closest declared name of the right kind, and does not go on to report what follows from the mistake (such as \"no post holds DCS\").",
        failing: Example::text(
            "council ashford \"Ashford Council\" {\n  officer director \"Director of Children's Services\" {\n    holds DSC\n  }\n}\n",
        ),
        passing: Example::text(
            "council ashford \"Ashford Council\" {\n  officer director \"Director of Children's Services\" {\n    holds DCS\n  }\n}\n",
        ),
        fix: "Correct the spelling (the help names the closest declared name), or declare the name: `role`, `body`, `function`, `element`, `flag` and `relation` declare vocabulary, and a post is declared in its council with `officer` or `member`.",
    },
    Explanation {
        code: Builtin::E0102,
        title: "a name of the wrong kind",
        meaning: "A name is declared, but as a different kind of thing from what the statement needs: a body where a role is expected (`holds LSCB`), a role where a body is expected (`member_of DCS`), a post where a function is expected, or a condition that does not fit its clause (`dated within` in a clause about posts).",
        why: "Each statement means something only for its kind of name: a post cannot hold a board, nor sit on a role. Mixing them up usually means the wrong line was used, and the line would otherwise be checked as nonsense.",
        failing: Example::text(
            "council ashford \"Ashford Council\" {\n  officer director \"Director of Children's Services\" {\n    holds DCS, LSCB\n  }\n}\n",
        ),
        passing: Example::text(
            "council ashford \"Ashford Council\" {\n  officer director \"Director of Children's Services\" {\n    holds DCS\n    member_of LSCB\n  }\n}\n",
        ),
        fix: "Use the statement that fits the name (`member_of` for a body, `holds` for a role, `responsible_for` for a function), or the name that fits the statement. The label shows where the name is declared and as what.",
    },
    Explanation {
        code: Builtin::E0103,
        title: "declared twice",
        meaning: "A name is declared a second time: a global name (vocabulary, guidance, council) anywhere in the files checked together, a rule within its guidance, a post or assurance record within its council. It is also raised when a line that can appear once (`status`, `issued`, `holder`, `dated`, `by`) appears twice.",
        why: "Two declarations of one name leave it unclear which one the rules should read. regard keeps the first, reports the later one, and points at both.",
        failing: Example::text(
            "council ashford \"Ashford Council\" {\n  officer director \"Director of Children's Services\" {\n    holds DCS\n  }\n\n  officer director \"Director of Adult Social Services\" {\n    holds DASS\n  }\n}\n",
        ),
        passing: Example::text(
            "council ashford \"Ashford Council\" {\n  officer director_childrens \"Director of Children's Services\" {\n    holds DCS\n  }\n\n  officer director_adults \"Director of Adult Social Services\" {\n    holds DASS\n  }\n}\n",
        ),
        fix: "Rename one of the two, or remove the later one. A name the standard library already declares (such as `DCS`) cannot be declared again.",
    },
    Explanation {
        code: Builtin::E0104,
        title: "a role that names no single post",
        meaning: "A role stands where a post is expected (`reports_to ChiefExecutive`), but no post of the council holds that role, or several do.",
        why: "A role name is a convenient way to name \"the post that holds it\"; that only works when exactly one post does. Otherwise the reporting line (or the post an assurance record covers) would be a guess.",
        failing: Example::text(
            "council ashford \"Ashford Council\" {\n  officer director \"Director of Children's Services\" {\n    holds DCS\n    reports_to ChiefExecutive\n  }\n}\n",
        ),
        passing: Example::text(
            "council ashford \"Ashford Council\" {\n  officer chief_executive \"Chief Executive\" {\n    holds ChiefExecutive\n  }\n\n  officer director \"Director of Children's Services\" {\n    holds DCS\n    reports_to ChiefExecutive\n  }\n}\n",
        ),
        fix: "Name the post by its id (`reports_to chief_executive`), or declare the post that holds the role.",
    },
    Explanation {
        code: Builtin::E0105,
        title: "an ambiguous rule in a departure",
        meaning: "A `depart` line names a rule without its guidance, and more than one guidance the council follows has a rule of that name.",
        why: "A departure must say exactly which expectation the council is departing from, and editions of guidance often reuse rule names.",
        failing: Example::text(
            "guidance local_2024 \"Local protocol, 2024\" {\n  status advisory\n\n  rule dcs_on_board {\n    should DCS member_of LSCB\n  }\n}\n\nguidance local_2025 \"Local protocol, 2025\" {\n  status advisory\n\n  rule dcs_on_board {\n    should DCS member_of LSCB\n  }\n}\n\ncouncil ashford \"Ashford Council\" {\n  follows local_2024, local_2025\n\n  officer director \"Director of Children's Services\" {\n    holds DCS\n  }\n\n  depart dcs_on_board because \"The board is being reconstituted until April 2026\"\n}\n",
        )
        .with_also(&["local_2024.dcs_on_board", "local_2025.dcs_on_board"]),
        passing: Example::text(
            "guidance local_2024 \"Local protocol, 2024\" {\n  status advisory\n\n  rule dcs_on_board {\n    should DCS member_of LSCB\n  }\n}\n\nguidance local_2025 \"Local protocol, 2025\" {\n  status advisory\n\n  rule dcs_on_board {\n    should DCS member_of LSCB\n  }\n}\n\ncouncil ashford \"Ashford Council\" {\n  follows local_2024, local_2025\n\n  officer director \"Director of Children's Services\" {\n    holds DCS\n  }\n\n  depart local_2024.dcs_on_board because \"The board is being reconstituted until April 2026\"\n  depart local_2025.dcs_on_board because \"The board is being reconstituted until April 2026\"\n}\n",
        ),
        fix: "Qualify the rule with its guidance: `depart guidance.rule ...`. The labels show each guidance that defines it.",
    },
];
