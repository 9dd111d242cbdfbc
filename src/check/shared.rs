//! E0203: a joint post that the partner council does not declare back.
//!
//! A joint DCS is lawful (para 12), and each council declares its own view of the joint
//! post: what that person is and does for that council. The views must agree on at least
//! one role they both hold (the joint appointment); a role held in one view only is that
//! council's business. A post `shared with` a council is paired with that council's post
//! of the same id shared back, failing that with its one post shared back. One diagnostic
//! per view with no partner or no role in common, on the partner's name in `shared with`,
//! with a label on the partner council's id.

use super::Context;
use super::finding::CouncilFinding;
use crate::hir::Post;

/// Whether two views of a joint post agree: they declare at least one role in common
/// (the basis and vacancy aside), or neither declares any. Roles held in one view only
/// are that council's business, which its own rules see (language-v3 3.5).
fn agree(a: &Post, b: &Post) -> bool {
    (a.roles.is_empty() && b.roles.is_empty()) || a.roles.iter().any(|r| b.declares(&r.role))
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<CouncilFinding>) {
    let council = ctx.council;
    // A view that is vacant stands alone: nobody holds it to compare.
    for post in council.posts.iter().filter(|p| p.vacant.is_none()) {
        for partner in &post.shared_with {
            if partner.council == council.name {
                continue;
            }
            // A partner not among the files checked is I0210, found when lowering.
            let Some(other) = ctx.councils.council(&partner.council) else {
                continue;
            };
            let back: Vec<&Post> = other
                .posts
                .iter()
                .filter(|q| q.shared_with.iter().any(|s| s.council == council.name))
                .collect();
            // The partner's post of the same id shared back, failing that its one post
            // shared back.
            let view = back
                .iter()
                .copied()
                .find(|q| q.name == post.name)
                .or(match back.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                });
            // An unknown role on either side is already reported; comparing roles then
            // would report the same mistake again.
            if post.unknown.any_holds() || back.iter().any(|q| q.unknown.any_holds()) {
                continue;
            }
            if view.is_some_and(|q| q.vacant.is_some() || agree(post, q)) {
                continue;
            }
            let roles = |p: &Post| p.roles.iter().map(|r| r.role.clone()).collect::<Vec<_>>();
            out.push(CouncilFinding::NotDeclaredBack {
                post: post.name.clone(),
                roles: roles(post),
                council: council.name.clone(),
                span: partner.span,
                partner: other.name.clone(),
                partner_file: other.file,
                partner_span: other.name_span,
                partner_view: view.map(|q| (q.name.clone(), roles(q))),
                several: view.is_none() && back.len() > 1,
            });
        }
    }
}
