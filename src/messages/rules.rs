//! The words of a broken rule: the message, labels, help and fixes of a
//! `check::rules::Violation`, from its typed `Breach` and, for a subject that fails a
//! clause, the `Reason` it fails. One arm per variant, so the compiler lists a new reason
//! here; every word a violation shows is written in this file.

use crate::check::finding::{Breach, DepartHint, SubjectWords, Wanted, WantedKind};
use crate::check::rules::{AssuranceReason, HeldFix, Latest, Reason, RecordReason, Violation};
use crate::diagnostics::{Code, Diagnostic, Fix, Label, Severity};
use crate::hir::Flag;
use crate::hir::describe::{ticked, vacant_note};
use crate::syntax::Name;
use crate::syntax::ast::{Duration, Quantifier, Status};
use jiff::civil::Date;

/// The diagnostic of a violation.
pub(super) fn diagnostic(v: &Violation<'_>) -> Diagnostic {
    let council = v.council;
    let (message, fix) = match &v.breach {
        Breach::Subject { subject, reason, .. } => {
            let (text, fix) = words(reason);
            let subject_text = subject_text(subject);
            let message = match subject {
                _ if text.is_empty() => subject_text,
                SubjectWords::Record(_) | SubjectWords::Council(_) => format!("{subject_text} {text}"),
                // A post selected by `post`, not by a role it holds.
                SubjectWords::Post { roles, .. } if roles.is_empty() => format!("{subject_text} {text}"),
                SubjectWords::Post { .. } => format!("{subject_text} but {text}"),
            };
            (message, fix)
        }
        Breach::Missing { wanted, vacant } => (
            format!(
                "`{}` has no {}{}",
                council.name,
                wanted_text(wanted),
                vacant_note(vacant)
            ),
            missing_fix(wanted, !vacant.is_empty()),
        ),
        Breach::ExtraRecord { extra, first, .. } => (
            format!("assurance record `{extra}` is one more where only one is expected, besides `{first}`"),
            None,
        ),
        Breach::ExtraPost {
            extra, first, roles, ..
        } if roles.is_empty() => (
            match &v.clause.condition_text {
                Some(c) => format!("`{extra}` meets `{c}`, but so does `{first}`: there should be only one"),
                None => format!("`{extra}` is a post besides `{first}`: there should be only one"),
            },
            None,
        ),
        Breach::ExtraPost {
            extra, first, roles, ..
        } => {
            let roles = ticked(roles, "and");
            (
                format!("`{extra}` holds {roles}, but so does `{first}`: there should be only one"),
                Some(format!("keep {roles} on one post only")),
            )
        }
    };
    // The fix with the exemption the clause allows; a departed violation's help is this
    // alone, else it also says how to record a departure where one is possible.
    // On a count, `unless` says which councils the clause applies to: a council held to
    // it is not exempted by changing its posts.
    let unless = match v.clause.quantifier {
        Quantifier::Each => v.clause.unless_text.as_deref(),
        Quantifier::Exists | Quantifier::One => None,
    };
    let fix_help = with_exemption(fix.as_deref(), unless);
    let law = v.guidance.status == Status::Law;
    let help = match (&v.departure, &v.depart) {
        _ if law => Some(match fix_help {
            Some(fix) => format!("correct the declaration ({fix}): a fact of law cannot be departed from"),
            None => "correct the declaration: a fact of law cannot be departed from".to_string(),
        }),
        (None, Some(hint)) => Some(match fix_help {
            Some(fix) => format!("{fix}, or {}", depart_help(hint)),
            None => depart_help(hint),
        }),
        _ => fix_help,
    };
    let (guidance, rule) = (&v.guidance.name, &v.rule.name);
    let label = match v.clause.negated {
        false => "required by this clause",
        true => "ruled out by this clause",
    };
    let mut d = Diagnostic {
        code: Code::Rule {
            guidance: guidance.to_string(),
            rule: rule.to_string(),
        },
        severity: v.severity,
        message,
        file: council.file,
        span: v.span,
        label: Some(match (&v.rule.title, law) {
            (Some(title), false) => format!("the guidance expects: {title}"),
            (Some(title), true) => format!("a fact of law: {title}"),
            (None, false) => format!("breaks `{guidance}.{rule}`"),
            (None, true) => format!("breaks `{guidance}.{rule}`, a fact of law"),
        }),
        labels: Vec::new(),
        notes: v.rule.notes(),
        help,
        council: Some(council.name.to_string()),
        departure: v.departure.clone(),
        fixes: Vec::new(),
    }
    .with_label(v.guidance.file, v.clause.span, label);
    match &v.breach {
        Breach::ExtraRecord { first_span, .. } => {
            d = d.with_label(council.file, *first_span, "the first one");
        }
        Breach::ExtraPost {
            first,
            roles,
            first_span: Some(span),
            ..
        } => d.labels.insert(
            0,
            Label {
                file: council.file,
                span: *span,
                message: format!("`{first}` holds {} here", ticked(roles, "and")),
            },
        ),
        Breach::Subject { .. } | Breach::Missing { .. } | Breach::ExtraPost { .. } => {}
    }
    d.fixes = fixes(v, fix.as_deref());
    d
}

/// The fixes an editor can offer: the mechanical edits of the reason, and recording a
/// departure (with the cursor in its reason) where one is possible and none is recorded.
fn fixes(v: &Violation<'_>, fix: Option<&str>) -> Vec<Fix> {
    let mut out = Vec::new();
    match &v.breach {
        Breach::Subject { edits, .. } if !edits.is_empty() => out.push(Fix {
            title: fix.unwrap_or("fix it").to_string(),
            edits: edits.clone(),
            cursor: None,
        }),
        Breach::Subject { .. } | Breach::Missing { .. } => {}
        // A subject too many is fixed by choosing which to keep: no edit to offer.
        Breach::ExtraRecord { .. } | Breach::ExtraPost { .. } => return out,
    }
    if v.departure.is_none()
        && let Some(hint) = &v.depart
        && let Some((edit, cursor)) = &hint.edit
    {
        out.push(Fix {
            title: format!("record a departure from `{}`", hint.rule),
            edits: vec![edit.clone()],
            cursor: Some(*cursor),
        });
    }
    debug_assert!(v.departure.is_none() || v.severity == Severity::Note);
    out
}

/// "record a departure with `depart dcs_reports_to_ceo for director because \"...\"`".
fn depart_help(hint: &DepartHint) -> String {
    let for_post = hint.for_post.as_ref().map(|p| format!(" for {p}")).unwrap_or_default();
    format!(
        "record a departure with `depart {}{for_post} because \"...\"`",
        hint.rule
    )
}

/// The fix, with the exemption the clause allows (its `unless`, as written).
fn with_exemption(fix: Option<&str>, unless: Option<&str>) -> Option<String> {
    let mut help = fix.unwrap_or_default().to_string();
    if let Some(u) = unless {
        match help.is_empty() {
            true => help.push_str(&format!("the guidance allows it when `{u}`")),
            false => help.push_str(&format!(" (the guidance allows it when `{u}`)")),
        }
    }
    (!help.is_empty()).then_some(help)
}

/// "`director` holds `DCS`", "`director` holds both `DCS` and `DASS`", "assurance record
/// `x`", "council `x`".
fn subject_text(subject: &SubjectWords) -> String {
    match subject {
        SubjectWords::Record(r) => format!("assurance record `{r}`"),
        SubjectWords::Council(c) => format!("council `{c}`"),
        SubjectWords::Post { post, roles } if roles.is_empty() => format!("`{post}`"),
        SubjectWords::Post { post, roles } => {
            let both = if roles.len() == 2 { "both " } else { "" };
            format!("`{post}` holds {both}{}", ticked(roles, "and"))
        }
    }
}

/// "post that holds `DCS`", for `exists` and `one`, with the clause's condition.
fn wanted_text(wanted: &Wanted) -> String {
    let what = match &wanted.kind {
        WantedKind::Role(r) => format!("post that holds `{r}`"),
        WantedKind::Post => match &wanted.condition {
            Some(c) => return format!("post that meets `{c}`"),
            None => "post".to_string(),
        },
        WantedKind::Combine { roles, with_other } => {
            let roles = ticked(roles, "and");
            if *with_other {
                format!("post that holds {roles} together with another role")
            } else {
                format!("post that holds {roles}")
            }
        }
        WantedKind::Record => "assurance record".to_string(),
        WantedKind::Council => "council".to_string(),
    };
    match &wanted.condition {
        Some(c) => format!("{what} and meets `{c}`"),
        None => what,
    }
}

/// How to supply what an `exists` or `one` clause looks for; `vacant` when a vacant post
/// would otherwise count.
fn missing_fix(wanted: &Wanted, vacant: bool) -> Option<String> {
    match &wanted.kind {
        WantedKind::Role(r) if vacant => Some(format!(
            "fill the post, or give `{r}` to the post that covers the vacancy, with `holds {r} interim`"
        )),
        WantedKind::Role(r) => Some(format!(
            "add `holds {r}` to the post that does that job, or declare that post"
        )),
        WantedKind::Combine { roles, .. } => Some(format!(
            "add `holds {}` to the post that combines the roles",
            roles.join(", ")
        )),
        WantedKind::Record => Some("record the council's assurance with an `assurance` block".into()),
        WantedKind::Post => {
            Some("add what the clause asks for to a post of the council, or declare a post that meets it".into())
        }
        WantedKind::Council => None,
    }
}

/// `relation` as a verb: "reports to".
fn verb(relation: &str) -> String {
    relation.replace('_', " ")
}

/// The relation a line declares (the one that implies `relation`, if any) and the words
/// " (`line_manages` counts as `manages`)" when it is implied.
fn declared(relation: &Name, implied_by: &Option<Name>) -> (Name, String) {
    match implied_by {
        Some(by) => (by.clone(), format!(" (`{by}` counts as `{relation}`)")),
        None => (relation.clone(), String::new()),
    }
}

/// "or" for a target of `any`, else "and".
fn joiner(any: bool) -> &'static str {
    if any { "or" } else { "and" }
}

/// The names a list line would carry: the first missing for `any`, else all.
fn list(missing: &[Name], any: bool) -> String {
    match any {
        true => missing.first().map(Name::to_string).unwrap_or_default(),
        false => missing.join(", "),
    }
}

/// The words of a reason, to follow its subject, and the fix it suggests.
fn words(reason: &Reason) -> (String, Option<String>) {
    use Reason as R;
    match reason {
        R::Joined { parts, all } => {
            let words: Vec<(String, Option<String>)> = parts.iter().map(words).collect();
            let joiner = if *all { " and " } else { ", and " };
            let text = words.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(joiner);
            (text, words.into_iter().find_map(|(_, fix)| fix))
        }
        R::Undecided { holds: true } => ("meets the condition".into(), None),
        R::Undecided { holds: false } => ("does not meet the condition".into(), None),
        R::Held(fix) => (
            String::new(),
            match fix {
                HeldFix::RemoveRole { role, post } => {
                    Some(format!("remove `{role}` from the `holds` line of `{post}`"))
                }
                HeldFix::Separate => Some("give these roles to separate posts".into()),
                HeldFix::Nothing => None,
            },
        ),
        R::CouncilUnflagged { flag, council, own } => (
            format!("{} marked `is {flag}`", if *own { "is not" } else { "council is not" }),
            Some(format!("add `is {flag}` to council `{council}`, if that is the case")),
        ),
        R::CouncilFlagged { flag, own } => (
            format!(
                "{} `is {flag}`",
                if *own {
                    "is marked"
                } else {
                    "belongs to a council marked"
                }
            ),
            Some(format!(
                "remove `{flag}` from the council's `is` line, if it no longer applies"
            )),
        ),
        R::HoldsTargetItself {
            relation,
            own,
            roles,
            has_line,
        } => holds_target_itself(relation, own, roles, has_line),
        R::NoRelationLine {
            relation,
            post,
            holder,
            missing,
            any,
        } => no_relation_line(relation, post, holder, missing, any),
        R::RelationNamesOthers {
            relation,
            named,
            holder,
            missing,
            any,
        } => relation_names_others(relation, named, holder, missing, any),
        R::LacksItems {
            relation,
            post,
            missing,
            any,
            has_line,
        } => lacks_items(relation, post, missing, any, has_line),
        R::RelatesToHolder {
            relation,
            implied_by,
            target,
            role,
        } => relates_to_holder(relation, implied_by, target, role),
        R::RelatesToItem {
            relation,
            implied_by,
            item,
        } => {
            let (declared, through) = declared(relation, implied_by);
            (
                format!("has `{declared} {item}`{through}"),
                Some(format!("remove `{item}` from its `{declared}` line")),
            )
        }
        R::HasRelation { relation } => (format!("has `{relation}`"), None),
        R::HoldsButVacant { role } => (
            format!("holds `{role}` but is vacant"),
            Some(format!("give `{role}` to the post that covers the vacancy")),
        ),
        R::RelationButVacant { relation } => (
            format!("is vacant, and a vacant post has no `{relation}` for the rules"),
            Some("fill the post, or give its part to the post that covers the vacancy".to_string()),
        ),
        R::HoldsNotInterim { role } => (
            format!("holds `{role}`, but not on an interim basis"),
            Some(format!(
                "write `{role} interim` in the `holds` line, if the post holds it temporarily"
            )),
        ),
        R::DoesNotHold {
            role,
            interim,
            post,
            subject,
        } => {
            let interim = if *interim { " interim" } else { "" };
            let mut help = format!("add `holds {role}{interim}` to `{post}`");
            // The clause may mean the subject role belongs elsewhere: `must
            // LeadSafeguardingPartner holds ChiefExecutive` is met by moving the role.
            if let Some(subject) = subject {
                help.push_str(&format!(", or give `{subject}` to the post that holds `{role}`"));
            }
            (
                format!(
                    "does not hold `{role}`{}",
                    if interim.is_empty() { "" } else { " on an interim basis" }
                ),
                Some(help),
            )
        }
        R::AlsoHolds { role, interim } => (
            format!(
                "also holds `{role}`{}",
                if *interim { " on an interim basis" } else { "" }
            ),
            Some(format!("give `{role}` to another post")),
        ),
        R::NotFlagged { flag, post } => not_flagged(flag, post),
        R::Flagged { flag, partners } => flagged(flag, partners),
        R::HoldsNoneOutside { group } => (format!("holds no role outside `{group}`"), None),
        R::HoldsOutside {
            role: Some(role),
            group,
        } => (
            format!("also holds `{role}`, which is not in `{group}`"),
            Some(format!("give `{role}` to another post")),
        ),
        R::HoldsOutside { role: None, group } => (format!("holds a role outside `{group}`"), None),
        R::NoRelationOutside { relation, group } => (
            format!("has no `{relation}` line naming anything outside `{group}`"),
            None,
        ),
        R::RelationOutside {
            relation,
            implied_by,
            item: Some(item),
            group,
        } => {
            let (declared, through) = declared(relation, implied_by);
            (
                format!("has `{declared} {item}`{through}, which is not in `{group}`"),
                Some(format!(
                    "remove `{item}` from its `{declared}` line, if it no longer applies"
                )),
            )
        }
        R::RelationOutside {
            relation,
            item: None,
            group,
            ..
        } => (format!("has `{relation}` outside `{group}`"), None),
        R::Assurance(reason) => assurance_words(reason),
        R::Record(reason) => record_words(reason),
    }
}

fn holds_target_itself(relation: &Name, own: &[Name], roles: &[Name], has_line: &bool) -> (String, Option<String>) {
    (
        match has_line {
            false => format!("has no `{relation}` line, and holds {} itself", ticked(own, "and")),
            true => format!("holds {} itself, and no other post does", ticked(own, "and")),
        },
        Some(format!(
            "give {} to separate posts, so that one {} the other",
            ticked(roles, "and"),
            verb(relation)
        )),
    )
}

fn no_relation_line(
    relation: &Name,
    post: &Name,
    holder: &Option<Name>,
    missing: &[Name],
    any: &bool,
) -> (String, Option<String>) {
    let target = match holder {
        Some(h) => format!("`{relation} {h}`"),
        None => format!(
            "a `{relation}` line naming the post that holds {}",
            ticked(missing, joiner(*any))
        ),
    };
    (
        format!("has no `{relation}` line"),
        Some(format!("add {target} to `{post}`")),
    )
}

fn relation_names_others(
    relation: &Name,
    named: &[Name],
    holder: &Option<Name>,
    missing: &[Name],
    any: &bool,
) -> (String, Option<String>) {
    let wanted = ticked(missing, joiner(*any));
    let which = if named.len() == 1 {
        "which does not hold"
    } else {
        "which do not hold"
    };
    (
        format!("{} {}, {which} {wanted}", verb(relation), ticked(named, "and")),
        Some(match holder {
            Some(h) => format!("change the line to `{relation} {h}`"),
            None => format!("make the line name the post that holds {wanted}"),
        }),
    )
}

fn lacks_items(
    relation: &Name,
    post: &Name,
    missing: &[Name],
    any: &bool,
    has_line: &bool,
) -> (String, Option<String>) {
    let wanted = match any {
        true => format!("`{relation}` naming {}", ticked(missing, "or")),
        false => format!("`{relation} {}`", missing.join(", ")),
    };
    let list = list(missing, *any);
    (
        format!("has no {wanted}"),
        Some(match has_line {
            false => format!("add `{relation} {list}` to `{post}`"),
            true => format!("add `{list}` to its `{relation}` line"),
        }),
    )
}

fn relates_to_holder(
    relation: &Name,
    implied_by: &Option<Name>,
    target: &Name,
    role: &Name,
) -> (String, Option<String>) {
    let (declared, through) = declared(relation, implied_by);
    (
        format!("{} `{target}`, which holds `{role}`{through}", verb(&declared)),
        Some(format!("remove `{target}` from the `{declared}` line")),
    )
}

fn no_assurance_dated(
    about_post: &bool,
    within: &Option<Duration>,
    as_of: &Date,
    latest: &Latest,
) -> (String, Option<String>) {
    let latest = match latest {
        Latest::Past { record, dated } => format!(" (the latest, `{record}`, is dated {dated})"),
        Latest::Future { record, dated } => {
            format!(" (`{record}` is dated {dated}, after the check date {as_of}, and counts for nothing yet)")
        }
        Latest::None => String::new(),
    };
    let when = match within {
        Some(d) => format!("dated within {d}"),
        None => format!("dated on or before {as_of}"),
    };
    (
        match about_post {
            true => format!("no assurance record covering it is {when}{latest}"),
            false => format!("has no assurance record {when}{latest}"),
        },
        Some(review_again()),
    )
}

fn not_addressed(
    about_post: &bool,
    within: &Option<Duration>,
    records: &[Name],
    unaddressed: &[Name],
) -> (String, Option<String>) {
    let dated = within.map(|d| format!(" dated within {d}")).unwrap_or_default();
    let (records, missing) = (ticked(records, "and"), ticked(unaddressed, "or"));
    (
        match about_post {
            true => format!("the assurance records covering it{dated} ({records}) do not address {missing}"),
            false => format!("has assurance records{dated} ({records}) that, taken together, do not address {missing}"),
        },
        Some(format!(
            "address {} in the next review, and list what it addresses in its `addresses` line",
            ticked(unaddressed, "and")
        )),
    )
}

fn addresses_not(record: &Name, missing: &[Name], any: &bool, has_line: &bool) -> (String, Option<String>) {
    let list = list(missing, *any);
    (
        match any {
            true => format!("addresses none of {}", ticked(missing, "or")),
            false => format!("does not address {}", ticked(missing, "and")),
        },
        Some(match has_line {
            true => format!("add `{list}` to the `addresses` line of `{record}`, once the assurance covers it"),
            false => format!("add `addresses {list}` to `{record}`, once the assurance covers it"),
        }),
    )
}

/// The words of why assurance taken together holds or not, and the fix.
fn assurance_words(reason: &AssuranceReason) -> (String, Option<String>) {
    use AssuranceReason as A;
    match reason {
        A::None { post: Some(post) } => (
            "no assurance record covers it".into(),
            Some(format!(
                "carry out a local test of assurance and record it with `assurance NAME \"...\" {{ covers {post} ... }}`"
            )),
        ),
        A::None { post: None } => (
            "has no assurance record".into(),
            Some(
                "review the arrangements and record the review with `assurance NAME \"...\" { dated YYYY-MM-DD ... }`"
                    .into(),
            ),
        ),
        A::NoneDated {
            about_post,
            within,
            as_of,
            latest,
        } => no_assurance_dated(about_post, within, as_of, latest),
        A::NotAddressed {
            about_post,
            within,
            records,
            unaddressed,
        } => not_addressed(about_post, within, records, unaddressed),
        A::Assured { about_post, records } => (
            match (about_post, records.as_slice()) {
                (true, [one]) => format!("is covered by assurance record `{one}`"),
                (true, several) => format!("is covered by assurance records {}", ticked(several, "and")),
                (false, [one]) => format!("has assurance record `{one}`"),
                (false, several) => format!("has assurance records {}", ticked(several, "and")),
            },
            None,
        ),
    }
}

/// The words of why a form said of an assurance record has its value, and the fix.
fn record_words(reason: &RecordReason) -> (String, Option<String>) {
    use RecordReason as V;
    match reason {
        V::DatedBefore {
            date: Some(date),
            within,
            as_of,
        } => (
            format!("is dated {date}, more than {within} before {as_of}"),
            Some(review_again()),
        ),
        V::DatedBefore { date: None, .. } => ("has no date".into(), Some("add `dated YYYY-MM-DD`".into())),
        V::DatedWithin { date, within, as_of } => {
            let date = date.map(|d| d.to_string()).unwrap_or_default();
            (format!("is dated {date}, within {within} of {as_of}"), None)
        }
        V::AddressesNot {
            record,
            missing,
            any,
            has_line,
        } => addresses_not(record, missing, any, has_line),
        V::AddressesSome { present } => (format!("addresses {}", ticked(present, "and")), None),
        V::CoversNone { role, record } => (
            format!("covers no post that holds `{role}`"),
            Some(format!(
                "add the post that holds `{role}` to the `covers` line of `{record}`"
            )),
        ),
        V::Covers { role } => (format!("covers a post that holds `{role}`"), None),
    }
}

fn review_again() -> String {
    "review the arrangements again and record the new assurance with its date".into()
}

/// Why post `post` is not what `is FLAG` asks, and the fix.
fn not_flagged(flag: &Flag, post: &Name) -> (String, Option<String>) {
    match flag {
        Flag::Officer => (
            "is declared as a `member` (a councillor), not an `officer`".into(),
            Some(format!(
                "give the role to an officer's post, or declare `{post}` with `officer`"
            )),
        ),
        Flag::Member => (
            "is declared as an `officer`, not a `member` (a councillor)".into(),
            Some(format!(
                "give the role to a councillor's post, or declare `{post}` with `member`"
            )),
        ),
        Flag::Vacant => (
            "is not marked `is vacant`".into(),
            Some(format!("add `is vacant` to `{post}`, if nobody holds it")),
        ),
        Flag::Shared => (
            "is not shared with another council".into(),
            Some(format!("add `shared with COUNCIL` to `{post}`")),
        ),
        Flag::Named(f) => (
            format!("is not marked `is {f}`"),
            Some(format!("add `is {f}` to `{post}`, if that is the case")),
        ),
    }
}

/// Why a post is what `is FLAG` says (shared with `partners`), and the fix.
fn flagged(flag: &Flag, partners: &[Name]) -> (String, Option<String>) {
    match flag {
        Flag::Officer => ("is an `officer`".into(), None),
        Flag::Member => ("is a `member` (a councillor)".into(), None),
        Flag::Vacant => (
            "is vacant".into(),
            Some("fill the post, or remove `vacant` from its `is` line".into()),
        ),
        Flag::Shared => (format!("is shared with {}", ticked(partners, "and")), None),
        Flag::Named(f) => (
            format!("is marked `is {f}`"),
            Some(format!("remove `{f}` from its `is` line, if it no longer applies")),
        ),
    }
}
