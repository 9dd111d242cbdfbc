//! E0203: a joint post that the partner council does not declare back.
//!
//! A joint DCS is lawful (para 12), and each council declares its own view of the joint
//! post. Both views must agree: the partner declares a post `shared with` this council
//! that holds the same roles. One diagnostic per missing reciprocation, on the partner's
//! name in `shared with`, with a label on the partner council's id.

use super::Context;
use crate::diagnostics::{Builtin, Diagnostic};
use crate::hir::Post;

fn same_roles(a: &Post, b: &Post) -> bool {
    a.roles.len() == b.roles.len() && a.roles.iter().all(|r| b.holds(&r.role))
}

fn roles(post: &Post) -> String {
    post.roles
        .iter()
        .map(|r| format!("`{}`", r.role))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let council = ctx.council;
    for post in &council.posts {
        for partner in &post.shared_with {
            if partner.council == council.name {
                continue;
            }
            let Some(other) = ctx.councils.council(&partner.council) else {
                continue;
            };
            let views: Vec<&Post> = other
                .posts
                .iter()
                .filter(|q| q.shared_with.iter().any(|s| s.council == council.name))
                .collect();
            // An unknown role on either side is already reported; comparing roles then
            // would report the same mistake again.
            if views.iter().any(|q| same_roles(post, q) || q.unknown.any_holds()) || post.unknown.any_holds() {
                continue;
            }
            let held = |p: &Post| {
                if p.roles.is_empty() {
                    "no role".to_string()
                } else {
                    roles(p)
                }
            };
            let message = match views.first() {
                Some(q) => format!(
                    "the two views of the joint post differ: `{}` of `{}` holds {}, but `{}` of `{}` holds {}",
                    post.name,
                    council.name,
                    held(post),
                    q.name,
                    other.name,
                    held(q),
                ),
                None => format!(
                    "`{}` is shared with `{}`, but `{}` declares no post shared with `{}`",
                    post.name, other.name, other.name, council.name
                ),
            };
            let d = Diagnostic::builtin(Builtin::E0203, council.file, partner.span, message)
                .with_label(
                    other.file,
                    other.name_span,
                    format!("`{}` is declared here", other.name),
                )
                .with_help(format!(
                    "declare the joint post in `{}` too, with `shared with {}` and the same roles{}",
                    other.name,
                    council.name,
                    if post.roles.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " (`holds {}`)",
                            post.roles
                                .iter()
                                .map(|r| r.role.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                ));
            out.push(d);
        }
    }
}
