//! The words of what resolution finds (names that do not resolve, guidance that cannot
//! be checked as written): one arm per variant of `hir::finding::FindingKind`, so the
//! compiler lists a new finding here.

use crate::base::SourceFile;
use crate::diagnostics::{Builtin, Diagnostic, Fix};
use crate::hir::DefKind;
use crate::hir::finding::{Declared, Duplicated, FindingKind, SubjectKind, UnknownHelp};
use crate::syntax::ast::{Ident, Modality, Quantifier, TargetKind};
use crate::syntax::{Name, Span};

pub(super) fn diagnostic(file: SourceFile, finding: &FindingKind) -> Diagnostic {
    use FindingKind as F;
    match finding {
        F::Unknown {
            name,
            noun,
            suggestion,
            help,
        } => unknown(file, name, noun, suggestion, help),
        F::WrongKind {
            name,
            declared,
            expected,
            suggestion,
        } => wrong_kind(file, name, declared, expected, suggestion),
        F::PostNotItem {
            name,
            council,
            declared,
            expected,
            suggestion,
        } => post_not_item(file, name, council, declared, expected, suggestion),
        F::NotAPost {
            name,
            declared,
            council,
        } => not_a_post(file, name, declared, council),
        F::Misfit { span, word, fits, here } => misfit(file, span, word, fits, here),
        F::GroupMixesKinds {
            name,
            group,
            kind,
            group_kind,
        } => group_mixes_kinds(file, name, group, kind, group_kind),
        F::GroupOfWrongKind {
            name,
            kind,
            expected,
            place,
        } => group_of_wrong_kind(file, name, kind, expected, place),
        F::OtherThanPosts { span, relation } => other_than_posts(file, span, relation),
        F::PartMissing { span, guidance, part } => part_missing(file, span, guidance, part),
        F::PartUndeclared { span, guidance, part } => Diagnostic::builtin(
            Builtin::W0306,
            file,
            *span,
            format!("`{part}` is not among the parts `{guidance}` declares in its `paragraphs` line"),
        )
        .with_help("correct the citation, or add the part to the `paragraphs` line"),
        F::AsideUnclear { span, cite, least } => aside_unclear(file, span, cite, least),
        F::CouncilSaysNothing { span } => Diagnostic::builtin(
            Builtin::E0301,
            file,
            *span,
            "this clause names the council but says nothing about it",
        )
        .with_help("add a condition, such as `assurance within 12 months` or `is committee_system`"),
        F::ImpliesOtherKind {
            name,
            relation,
            target,
            implied,
        } => implies_other_kind(file, name, relation, target, implied),
        F::Duplicate {
            what,
            later,
            first_file,
            first,
        } => duplicate(file, what, later, first_file, first),
        F::BadJoin {
            group,
            group_kind,
            gathers,
            member,
            member_kind,
        } => {
            let (message, help) = match (member_kind, group_kind, gathers) {
                (None, _, _) => (
                    format!("flag `{member}` cannot join `{}`: groups hold no flags", group.text),
                    "remove `in ...` from the flag's declaration".to_string(),
                ),
                (Some(kind), DefKind::Group, Some(gathers)) => (
                    format!(
                        "{} `{member}` cannot join `{}`, a group of {}s",
                        kind.noun(),
                        group.text,
                        gathers.noun()
                    ),
                    format!("a {0} joins a group of {0}s: name one, or declare `{member}` as what the group gathers", kind.noun()),
                ),
                (Some(_), kind, _) => (
                    format!("`{}` is a {}, not a group", group.text, kind.noun()),
                    "`in` names a group declared with `group NAME = ...`".to_string(),
                ),
            };
            Diagnostic::builtin(Builtin::E0107, file, group.span, message).with_help(help)
        }
        F::AbsentPartner {
            partner,
            post,
            suggestion,
        } => {
            let d = Diagnostic::builtin(
                Builtin::I0210,
                file,
                partner.span,
                format!(
                    "council `{}` is not among the files checked: the two views of `{post}` were not compared",
                    partner.text
                ),
            );
            match suggestion {
                Some(close) => d.with_help(format!(
                    "a council with a similar name is among the files checked: `{close}`"
                )),
                None => d.with_help("check the partner's file with this one to compare the two views of the joint post"),
            }
        }
        F::AsOfAfterToday { span, as_of, used, .. } => Diagnostic::builtin(
            Builtin::W0211,
            file,
            *span,
            format!("this council's facts are said to describe {as_of}, a date after today"),
        )
        .with_help(format!(
            "the council is checked as of {used} instead; give the date the facts were true on (an `as_of` describes a past date)"
        )),
        F::DeclaredByLibrary {
            name,
            kind,
            span,
            library,
            first,
        } => Diagnostic::builtin(
            Builtin::W0212,
            file,
            *span,
            format!("`{name}` is now declared by the standard library: remove this line"),
        )
        .with_label(*library, *first, format!("the standard library's {}", kind.noun()))
        .with_help(format!("the library's `{name}` is used: remove this declaration")),
        F::RoleHeldByNoPost { name, council, vacant } => role_held_by_no_post(file, name, council, vacant),
        F::BuiltinRedeclared { name } => Diagnostic::builtin(
            Builtin::E0103,
            file,
            name.span,
            format!("`{}` is built in and cannot be declared", name.text),
        )
        .with_note(format!("every post can say `is {}` without a declaration", name.text))
        .with_help("remove this declaration"),
        F::RoleHeldBySeveral { name, council, holders } => role_held_by_several(file, name, council, holders),
        F::AmbiguousRule {
            span,
            rule,
            council,
            defining,
        } => ambiguous_rule(file, span, rule, council, defining),
        F::Undated { record } => Diagnostic::builtin(
            Builtin::E0001,
            file,
            record.span,
            format!("assurance record `{}` has no `dated` line", record.text),
        )
        .with_help("add `dated YYYY-MM-DD` with the date of the assurance"),
        F::NotOne { span } => Diagnostic::builtin(Builtin::E0301, file, *span, "`not one` is not a complete clause")
            .with_help("write `not exists ...` for \"no post\", or `one ...` for \"exactly one post\""),
        F::SaysNothing { span, modality } => says_nothing(file, span, modality),
        F::LawNotMust { span, modality } => {
            let word = if *modality == Modality::Should { "should" } else { "may" };
            Diagnostic::builtin(
                Builtin::E0106,
                file,
                *span,
                format!("a fact of law cannot say `{word}`"),
            )
            .with_help(
                "guidance of `status law` states what holds for every council: write `must` or `must not`, \
                 or move the clause to statutory or advisory guidance",
            )
        }
        F::LawWithoutCite { span, rule } => Diagnostic::builtin(
            Builtin::E0106,
            file,
            *span,
            format!("rule `{rule}` states a fact of law but cites no source"),
        )
        .with_help("add a `cite` line naming the Act and section the fact rests on (`cite \"Local Government Act 2000, s9C\"`)"),
        F::UnlessOnCount { span, word, quantifier } => unless_on_count(file, span, word, quantifier),
        F::Contradiction { span, earlier } => Diagnostic::builtin(
            Builtin::W0303,
            file,
            *span,
            "this clause contradicts an earlier clause of the same guidance",
        )
        .with_label(file, *earlier, "the earlier clause says the opposite")
        .with_help("remove one of the clauses, or narrow one with a condition or `unless`"),
        F::UnknownReplaced {
            guidance,
            replaced,
            suggestion,
        } => unknown_replaced(file, guidance, replaced, suggestion),
        F::ReplacesCycle { entry, circle } => replaces_cycle(file, entry, circle),
    }
}

fn unknown(
    file: SourceFile,
    name: &Ident,
    noun: &&'static str,
    suggestion: &Option<Name>,
    help: &UnknownHelp,
) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0101,
        file,
        name.span,
        format!("unknown {noun} `{}`", name.text),
    );
    d.help = Some(match suggestion {
        Some(s) => format!("a {noun} with a similar name exists: `{s}`"),
        None => unknown_help(name, help),
    });
    if let Some(s) = suggestion {
        d = d.with_fix(replace(name, s));
    }
    d
}

fn wrong_kind(
    file: SourceFile,
    name: &Ident,
    declared: &Declared,
    expected: &DefKind,
    suggestion: &Option<Name>,
) -> Diagnostic {
    let d = Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!(
            "`{}` is {}, not {}",
            name.text,
            declared.kind.article(),
            expected.article()
        ),
    );
    declared_here(expected_help(d, name, *expected, suggestion.as_deref()), declared)
}

fn post_not_item(
    file: SourceFile,
    name: &Ident,
    council: &Name,
    declared: &Option<Span>,
    expected: &DefKind,
    suggestion: &Option<Name>,
) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!("`{}` is a post of `{council}`, not {}", name.text, expected.article()),
    );
    if let Some(span) = declared {
        d = d.with_label(file, *span, format!("`{}` is declared as a post here", name.text));
    }
    expected_help(d, name, *expected, suggestion.as_deref())
}

fn not_a_post(file: SourceFile, name: &Ident, declared: &Declared, council: &Name) -> Diagnostic {
    let d = Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!("`{}` is {}, not a post", name.text, declared.kind.article()),
    )
    .with_help(format!(
        "name a post of `{council}`, or a role that one of its posts holds"
    ));
    declared_here(d, declared)
}

fn misfit(file: SourceFile, span: &Span, word: &Name, fits: &&'static [SubjectKind], here: &SubjectKind) -> Diagnostic {
    let on: Vec<&str> = fits.iter().map(|k| k.plural()).collect();
    let help = match fits.first() {
        Some(SubjectKind::Record) => "use it in a clause about `assurance` records",
        Some(SubjectKind::Council) => "use it in a clause about the `council`",
        _ if fits.contains(&SubjectKind::Council) => "use it in a clause about a role, `combine(...)` or the `council`",
        _ => "use it in a clause about a role or `combine(...)`",
    };
    Diagnostic::builtin(
        Builtin::E0102,
        file,
        *span,
        format!("`{word}` applies to {}, not to {}", on.join(" and "), here.plural()),
    )
    .with_help(help)
}

fn group_mixes_kinds(file: SourceFile, name: &Ident, group: &Name, kind: &DefKind, group_kind: &DefKind) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!(
            "`{}` is {}, but group `{group}` gathers {}",
            name.text,
            kind.article(),
            group_kind.plural()
        ),
    )
    .with_help(format!(
        "a group gathers names of one kind (its first item's): remove `{}`, or make another group for it",
        name.text
    ))
}

fn group_of_wrong_kind(file: SourceFile, name: &Ident, kind: &DefKind, expected: &DefKind, place: &Name) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!(
            "group `{}` gathers {}, but `{place}` needs a group of {}",
            name.text,
            kind.plural(),
            expected.plural()
        ),
    )
    .with_help(format!("name a group of {} here", expected.plural()))
}

fn other_than_posts(file: SourceFile, span: &Span, relation: &Name) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0102,
        file,
        *span,
        format!("`{relation}` points at posts, and `other_than` takes a group of bodies or functions"),
    )
    .with_help(format!(
        "`other_than` goes with a relation to bodies or functions; for posts, name the post or role `{relation}` should reach"
    ))
}

fn part_missing(file: SourceFile, span: &Span, guidance: &Name, part: &String) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::W0305,
        file,
        *span,
        format!("`{guidance}` declares `{part}`, but no rule cites it and no `aside` sets it aside"),
    )
    .with_help(format!(
        "cite it from the rule that encodes it (`cite \"{part}\"`), or set it aside with `aside \"{part}\" because \"...\"`"
    ))
}

fn aside_unclear(file: SourceFile, span: &Span, cite: &String, least: &usize) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0206,
        file,
        *span,
        format!("the `aside` of \"{cite}\" gives no clear reason"),
    )
    .with_help(format!(
        "say why the part is not encoded (conduct, outcomes, addressed to others, descriptive...), in at least {least} characters"
    ))
}

fn implies_other_kind(
    file: SourceFile,
    name: &Ident,
    relation: &Name,
    target: &TargetKind,
    implied: &TargetKind,
) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0102,
        file,
        name.span,
        format!(
            "`{relation}` points at {}, but `{}` points at {}",
            plural(*target),
            name.text,
            plural(*implied)
        ),
    )
    .with_help("a relation can only imply a relation that points at the same kind of thing")
}

fn duplicate(file: SourceFile, what: &Duplicated, later: &Span, first_file: &SourceFile, first: &Span) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0103,
        file,
        *later,
        format!("{} is declared more than once", duplicated(what)),
    )
    .with_label(*first_file, *first, "first declared here")
    .with_help("rename one of them, or remove the later declaration")
}

fn role_held_by_no_post(file: SourceFile, name: &Ident, council: &Name, vacant: &Vec<Name>) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0104,
        file,
        name.span,
        format!(
            "no post of `{council}` holds `{}`{}",
            name.text,
            crate::hir::describe::vacant_note(vacant)
        ),
    )
    .with_help(match vacant.as_slice() {
        [] => format!(
            "name a post of `{council}` by its id, or add `holds {}` to the post you mean",
            name.text
        ),
        _ => format!(
            "a vacant post holds no role: name the post that covers `{}` (with `holds {} interim`), or a post by its id",
            name.text, name.text
        ),
    })
}

fn role_held_by_several(file: SourceFile, name: &Ident, council: &Name, holders: &Vec<(Name, Span)>) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0104,
        file,
        name.span,
        format!(
            "several posts of `{council}` hold `{}`, so it does not say which",
            name.text
        ),
    );
    for (post, span) in holders {
        d = d.with_label(file, *span, format!("`{post}` holds `{}`", name.text));
    }
    d.with_help("name the post by its id instead")
}

fn ambiguous_rule(
    file: SourceFile,
    span: &Span,
    rule: &Name,
    council: &Name,
    defining: &Vec<(Name, SourceFile, Span)>,
) -> Diagnostic {
    let mut d = Diagnostic::builtin(
        Builtin::E0105,
        file,
        *span,
        format!("rule `{rule}` is defined by several guidance that `{council}` follows"),
    );
    for (guidance, gfile, rspan) in defining {
        d = d.with_label(*gfile, *rspan, format!("`{guidance}.{rule}` is defined here"));
    }
    let options: Vec<String> = defining.iter().map(|(g, _, _)| format!("`{g}.{rule}`")).collect();
    d.with_help(format!("qualify the rule with its guidance: {}", options.join(" or ")))
}

fn says_nothing(file: SourceFile, span: &Span, modality: &Modality) -> Diagnostic {
    let word = if *modality == Modality::Must { "must" } else { "should" };
    Diagnostic::builtin(
        Builtin::E0301,
        file,
        *span,
        format!("this `{word}` clause names posts but says nothing about them"),
    )
    .with_help("add a condition (such as `reports_to ChiefExecutive`), or write `exists` or `one` before the subject")
}

fn unless_on_count(file: SourceFile, span: &Span, word: &&'static str, quantifier: &Quantifier) -> Diagnostic {
    let q = if *quantifier == Quantifier::One {
        "a `one`"
    } else {
        "an `exists`"
    };
    Diagnostic::builtin(
        Builtin::E0302,
        file,
        *span,
        format!("`{word}` cannot qualify {q} clause"),
    )
    .with_help("`when` and `unless` on `exists` and `one` may only speak of the council")
}

fn unknown_replaced(file: SourceFile, guidance: &Name, replaced: &Ident, suggestion: &Option<Name>) -> Diagnostic {
    Diagnostic::builtin(
        Builtin::E0304,
        file,
        replaced.span,
        format!("`{guidance}` replaces unknown guidance `{}`", replaced.text),
    )
    .with_primary_label("not declared anywhere")
    .with_help(match suggestion {
        Some(s) => format!("a guidance with a similar name exists: `{s}`"),
        None => "name a guidance declared in the workspace, or remove the name".into(),
    })
}

fn replaces_cycle(file: SourceFile, entry: &Span, circle: &Vec<Declared>) -> Diagnostic {
    let message = match circle.as_slice() {
        [one] => format!("`{}` replaces itself", one.name),
        _ => {
            let chain: Vec<String> = circle
                .iter()
                .chain(circle.first())
                .map(|g| format!("`{}`", g.name))
                .collect();
            format!("`replaces` goes round in a circle: {}", chain.join(" replaces "))
        }
    };
    let mut d = Diagnostic::builtin(Builtin::E0304, file, *entry, message)
        .with_primary_label("points back round the circle")
        .with_help("an edition can only replace older editions; remove the `replaces` that points back");
    for g in circle.iter().skip(1) {
        if let Some(span) = g.span {
            d = d.with_label(g.file, span, format!("`{}` is declared here", g.name));
        }
    }
    d
}

/// The help of an E0101 with nothing close enough to suggest.
fn unknown_help(name: &Ident, help: &UnknownHelp) -> String {
    match help {
        UnknownHelp::Declare { kind, known } => {
            let known: Vec<String> = known.iter().map(|n| format!("`{n}`")).collect();
            let keyword = match kind {
                DefKind::Guidance => {
                    return match known.as_slice() {
                        [] => "no guidance is declared in the files being checked".into(),
                        _ => format!("the guidance declared in the workspace include {}", known.join(", ")),
                    };
                }
                DefKind::Council => {
                    return format!("no council `{}` is declared in the files being checked", name.text);
                }
                DefKind::Element => "element",
                other => other.noun(),
            };
            let declare = match kind {
                DefKind::CouncilFlag => format!("declare it with `flag {} \"...\" for council`", name.text),
                _ => format!("declare it with `{keyword} {} \"...\"`", name.text),
            };
            match known.as_slice() {
                [] => declare,
                _ => format!(
                    "{declare}, or use a declared {} such as {}",
                    kind.noun(),
                    known.join(", ")
                ),
            }
        }
        UnknownHelp::InterimIsABasis => "`interim` is now said of a role: `holds DCS interim`".into(),
        UnknownHelp::PostStatement => format!(
            "a post's lines start with `holds`, `holder`, `is`, `shared with` or a relation declared with `relation {} \"...\" : post -> ...`",
            name.text
        ),
        UnknownHelp::StatementKeyword(keyword) => format!("the statement keyword `{keyword}` has a similar name"),
        UnknownHelp::Post { council } => format!(
            "declare a post `{}` in `{council}`, or name one of its posts",
            name.text
        ),
        UnknownHelp::RuleOf { guidance } => {
            format!("`{guidance}` has no rule by that name; `regard explain {guidance}` lists its rules")
        }
        UnknownHelp::RuleFollowed { council, followed } => match followed.as_slice() {
            [] => format!("`{council}` follows no guidance, so it has no rule to depart from"),
            _ => {
                let followed: Vec<String> = followed.iter().map(|g| format!("`{g}`")).collect();
                format!(
                    "name a rule of the guidance `{council}` follows: {}",
                    followed.join(", ")
                )
            }
        },
    }
}

/// "posts", "bodies", "functions".
fn plural(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Post => "posts",
        TargetKind::Body => "bodies",
        TargetKind::Function => "functions",
    }
}

/// What a duplicate declaration is, in words.
fn duplicated(what: &Duplicated) -> String {
    match what {
        Duplicated::Named(name) => format!("`{name}`"),
        Duplicated::GuidanceLine { line, guidance } => format!("`{line}` of guidance `{guidance}`"),
        Duplicated::RuleLine { line, rule } => format!("`{line}` of rule `{rule}`"),
        Duplicated::CouncilLine { line, council } => format!("`{line}` of council `{council}`"),
        Duplicated::Rule(name) => format!("rule `{name}`"),
        Duplicated::Post(name) => format!("post `{name}`"),
        Duplicated::Holder(post) => format!("the `holder` of `{post}`"),
        Duplicated::Date(record) => format!("the date of `{record}`"),
        Duplicated::By(record) => format!("`by` of `{record}`"),
    }
}

/// The fix that replaces `name` with `with`.
fn replace(name: &Ident, with: &str) -> Fix {
    Fix::replace(format!("replace `{}` with `{with}`", name.text), name.span, with)
}

/// Adds a label on where `def` is declared, and as what.
fn declared_here(d: Diagnostic, def: &Declared) -> Diagnostic {
    match def.span {
        Some(span) => d.with_label(
            def.file,
            span,
            format!("`{}` is declared as {} here", def.name, def.kind.article()),
        ),
        None => d,
    }
}

/// The help of E0102, and the fix when a name of the expected kind is close.
fn expected_help(d: Diagnostic, name: &Ident, expected: DefKind, suggestion: Option<&str>) -> Diagnostic {
    match suggestion {
        Some(s) => d
            .with_help(format!("{} is expected here; did you mean `{s}`?", expected.article()))
            .with_fix(replace(name, s)),
        None => d.with_help(format!("{} is expected here", expected.article())),
    }
}
