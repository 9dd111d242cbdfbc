//! E0203: a joint post that the partner council does not declare back.
//!
//! A joint DCS is lawful (para 12), and each council declares its own view of the joint
//! post. Both views must agree: the partner declares a post `shared with` this council
//! that holds the same roles. One diagnostic per missing reciprocation, on the partner's
//! name in `shared with`, with a label on the partner council's id.

use super::Context;
use super::finding::CouncilFinding;
use crate::hir::Post;

fn same_roles(a: &Post, b: &Post) -> bool {
    a.roles.len() == b.roles.len() && a.roles.iter().all(|r| b.holds(&r.role))
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<CouncilFinding>) {
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
            let roles = |p: &Post| p.roles.iter().map(|r| r.role.clone()).collect::<Vec<_>>();
            out.push(CouncilFinding::NotDeclaredBack {
                post: post.name.clone(),
                roles: roles(post),
                council: council.name.clone(),
                span: partner.span,
                partner: other.name.clone(),
                partner_file: other.file,
                partner_span: other.name_span,
                partner_view: views.first().map(|q| (q.name.clone(), roles(q))),
            });
        }
    }
}
