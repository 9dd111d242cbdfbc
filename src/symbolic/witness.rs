//! A model of the encoding as a council, and that council as regard source: the witness
//! `regard analyze` prints, which the ordinary checker then checks before it is shown.

use std::fmt::Write;

use jiff::civil::Date;
use rustsat::solvers::{Solve, SolveIncremental};

use super::encode::Encoding;

/// Writes the council the solver's current model describes, following `guidance`, with
/// records dated for `as_of`.
pub fn source<S: Solve + SolveIncremental>(e: &Encoding<'_, S>, id: &str, guidance: &[String], as_of: Date) -> String {
    let u = e.universe;
    let posts: Vec<usize> = (0..e.bounds.posts).filter(|&p| e.value(e.exists[p])).collect();
    let name = |p: usize| format!("post_{}", p + 1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// A council of {} post{} found by regard's symbolic analysis of {} for {as_of}.",
        posts.len(),
        if posts.len() == 1 { "" } else { "s" },
        guidance.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", ")
    );
    // The roles, bodies and functions no file names that the council uses: groups are
    // open, so the witness declares them (joining their group where they are in one).
    for a in &u.anonymous {
        let used = posts.iter().any(|&p| match a.kind {
            crate::hir::DefKind::Role => u
                .roles
                .iter()
                .position(|r| *r == a.name)
                .is_some_and(|r| e.value(e.declares[p][r])),
            _ => u.item_relations.iter().enumerate().any(|(k, (_, items))| {
                items
                    .iter()
                    .position(|i| *i == a.name)
                    .is_some_and(|i| e.value(e.item_line[k][p][i]))
            }),
        });
        if used {
            let joins = a.group.as_ref().map(|g| format!(" in {g}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "{} {} \"A {} no file names\"{joins}",
                a.kind.noun(),
                a.name,
                a.kind.noun()
            );
        }
    }
    let _ = writeln!(out, "council {id} \"A council found by regard analyze\" {{");
    if !guidance.is_empty() {
        let _ = writeln!(out, "  follows {}", guidance.join(", "));
    }
    let flags: Vec<&str> = u
        .council_flags
        .iter()
        .enumerate()
        .filter(|(i, _)| e.value(e.council_flag[*i]))
        .map(|(_, f)| f.as_str())
        .collect();
    if !flags.is_empty() {
        let _ = writeln!(out, "  is {}", flags.join(", "));
    }
    for &p in &posts {
        let kind = if e.value(e.officer[p]) { "officer" } else { "member" };
        let roles: Vec<String> = u
            .roles
            .iter()
            .enumerate()
            .filter(|(r, _)| e.value(e.declares[p][*r]))
            .map(|(r, role)| match e.value(e.interim[p][r]) {
                true => format!("{role} interim"),
                false => role.to_string(),
            })
            .collect();
        let title = match roles.is_empty() {
            true => format!("Post {}", p + 1),
            false => format!("Post {} ({})", p + 1, roles.join(", ")),
        };
        let _ = writeln!(out, "\n  {kind} {} \"{title}\" {{", name(p));
        if !roles.is_empty() {
            let _ = writeln!(out, "    holds {}", roles.join(", "));
        }
        let mut is: Vec<&str> = Vec::new();
        if e.value(e.vacant[p]) {
            is.push("vacant");
        }
        for (i, f) in u.flags.iter().enumerate() {
            if e.value(e.flag[p][i]) {
                is.push(f);
            }
        }
        if !is.is_empty() {
            let _ = writeln!(out, "    is {}", is.join(", "));
        }
        for (k, rel) in u.post_relations.iter().enumerate() {
            let to: Vec<String> = posts
                .iter()
                .filter(|&&q| e.value(e.post_line[k][p][q]))
                .map(|&q| name(q))
                .collect();
            if !to.is_empty() {
                let _ = writeln!(out, "    {rel} {}", to.join(", "));
            }
        }
        for (k, (rel, items)) in u.item_relations.iter().enumerate() {
            let to: Vec<&str> = items
                .iter()
                .enumerate()
                .filter(|(i, _)| e.value(e.item_line[k][p][*i]))
                .map(|(_, item)| item.as_str())
                .collect();
            if !to.is_empty() {
                let _ = writeln!(out, "    {rel} {}", to.join(", "));
            }
        }
        out.push_str("  }\n");
    }
    for m in (0..e.bounds.records).filter(|&m| e.value(e.record[m])) {
        let _ = writeln!(out, "\n  assurance record_{} \"Assurance record {}\" {{", m + 1, m + 1);
        let covers: Vec<String> = posts
            .iter()
            .filter(|&&p| e.value(e.covers[m][p]))
            .map(|&p| name(p))
            .collect();
        if !covers.is_empty() {
            let _ = writeln!(out, "    covers {}", covers.join(", "));
        }
        let class = (0..u.classes()).find(|&k| e.value(e.class[m][k])).unwrap_or(0);
        let _ = writeln!(out, "    dated {}", u.date_in(class, as_of));
        let _ = writeln!(out, "    by \"The council's scrutiny committee\"");
        let elements: Vec<&str> = u
            .elements
            .iter()
            .enumerate()
            .filter(|(i, _)| e.value(e.addresses[m][*i]))
            .map(|(_, el)| el.as_str())
            .collect();
        if !elements.is_empty() {
            let _ = writeln!(out, "    addresses {}", elements.join(", "));
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}
