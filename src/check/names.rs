//! Names that do not resolve: E0101 (unknown), E0102 (wrong kind), E0103 (declared
//! twice), E0104 (a role that names no single post), E0105 (an ambiguous rule).
//!
//! Lowering (`hir::lower`) finds these while it resolves names, as typed findings
//! (`hir::finding`); `crate::messages` words them. Their explanations are here.

use crate::diagnostics::{Builtin, Example, Explanation};

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
