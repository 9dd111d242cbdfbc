//! Guidance that cannot be checked as written: E0301 (a clause that says nothing),
//! E0302 (`unless` on a count), W0303 (clauses that contradict each other), E0304
//! (`replaces` naming nothing, or going round in a circle).
//!
//! These are found while guidance is resolved (`hir::wellformed`) and worded by
//! `crate::messages`; their explanations are here.

use crate::diagnostics::{Builtin, Example, Explanation};

pub const EXPLANATIONS: &[Explanation] = &[
    Explanation {
        code: Builtin::E0301,
        title: "a clause that says nothing",
        meaning: "A `must` or `should` clause names posts (`should DCS`) but says nothing about them: no condition, and no `exists` or `one`. `not one` is also refused: it has no clear meaning.",
        why: "Such a clause cannot be broken, so it would check nothing while looking like an expectation. (`may DCS` is fine: it records a permission, and `not DCS` says that no post may hold the role.)",
        failing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule dcs_on_board {\n    should DCS\n  }\n}\n",
        ),
        passing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule dcs_on_board {\n    should DCS member_of LSCB\n  }\n}\n",
        ),
        fix: "Add the condition the rule is about (`should DCS member_of LSCB`), or say that the role must exist (`should exists DCS`) or be held once (`must one DCS`).",
    },
    Explanation {
        code: Builtin::E0302,
        title: "`unless` on a count",
        meaning: "An `exists` or `one` clause has an `unless`. `unless` exempts single posts from a clause about every post; a clause that counts posts has no single post to exempt.",
        why: "The exemption would silently do nothing, and the drafter's intent would be lost.",
        failing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule safeguarding_lead {\n    should exists HeadOfChildrensSafeguarding unless is interim\n  }\n}\n",
        ),
        passing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule safeguarding_lead {\n    should exists HeadOfChildrensSafeguarding\n  }\n}\n",
        ),
        fix: "Drop the `unless`, or put the test into the clause's condition (`should exists HeadOfChildrensSafeguarding not is interim`).",
    },
    Explanation {
        code: Builtin::W0303,
        title: "contradicting clauses",
        meaning: "Two `must` or `should` clauses of one guidance are about the same posts and the same condition, but one requires it and the other forbids it. `not S C` and `S not C` count as the same clause.",
        why: "No council can meet both, so every council would be reported whatever it did. It is almost always a drafting slip.",
        failing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule on_board {\n    should DCS member_of LSCB\n  }\n\n  rule off_board {\n    should not DCS member_of LSCB\n  }\n}\n",
        ),
        passing: Example::text(
            "guidance local_protocol \"Local protocol\" {\n  status advisory\n\n  rule on_board {\n    should DCS member_of LSCB\n  }\n\n  rule lead_member_off_board {\n    should not LMCS member_of LSCB\n  }\n}\n",
        ),
        fix: "Remove one of the two clauses, or narrow one so that they no longer overlap (a different role, a further condition, or `unless`).",
    },
    Explanation {
        code: Builtin::E0304,
        title: "`replaces` that cannot hold",
        meaning: "A guidance `replaces` a name that no guidance has, or `replaces` lines go round in a circle (A replaces B and B replaces A).",
        why: "Which guidance is current decides what a council without `follows` is checked against. A circle leaves no current edition, and an unknown name is usually a typing mistake.",
        failing: Example::text(
            "guidance protocol_2025 \"Local protocol, 2025\" {\n  status advisory\n  replaces protocol_2042\n}\n\nguidance protocol_2024 \"Local protocol, 2024\" {\n  status advisory\n}\n",
        ),
        passing: Example::text(
            "guidance protocol_2025 \"Local protocol, 2025\" {\n  status advisory\n  replaces protocol_2024\n}\n\nguidance protocol_2024 \"Local protocol, 2024\" {\n  status advisory\n}\n",
        ),
        fix: "Name the older edition the guidance replaces, exactly as it is declared; an edition only replaces older ones.",
    },
];
