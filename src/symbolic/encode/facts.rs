//! A real council as assumptions over the encoding's variables, so that each clause's
//! literal says whether that council breaks it (`regard analyze`'s agreement with the
//! checker is tested through this).

use super::*;

impl<'u, S: Solve + SolveIncremental> Encoding<'u, S> {
    /// The assumptions that fix every variable to what `council` declares, so that each
    /// clause's literal says whether that council breaks it; `None` when the council is
    /// outside what the encoding describes (more posts or records than the bound, a shared
    /// post, a record not dated or dated after `as_of`, a name that did not resolve, or
    /// `reports_to` lines in a circle). Posts are numbered so that every `reports_to`
    /// line names an earlier one.
    pub fn facts(&mut self, council: &hir::Council, as_of: Date) -> Option<Vec<Lit>> {
        let n = council.posts.len();
        if n > self.bounds.posts || council.records.len() > self.bounds.records || council.flags_uncertain {
            return None;
        }
        if council.posts_uncertain || council.records_uncertain {
            return None;
        }
        let reporting = crate::check::reporting::REPORTING_RELATION;
        // Managers before their reports: a depth-first order on `reports_to`.
        let managers: Vec<Vec<usize>> = council
            .posts
            .iter()
            .map(|p| p.related_posts(reporting).map(|(q, _)| q).collect())
            .collect();
        let mut order: Vec<usize> = Vec::with_capacity(n);
        let mut state = vec![0u8; n];
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some((p, k)) = stack.pop() {
                match managers[p].get(k) {
                    Some(&q) => {
                        stack.push((p, k + 1));
                        match state[q] {
                            0 => {
                                state[q] = 1;
                                stack.push((q, 0));
                            }
                            1 => return None,
                            _ => {}
                        }
                    }
                    None => {
                        state[p] = 2;
                        order.push(p);
                    }
                }
            }
        }
        let mut at = vec![0usize; n];
        for (index, &p) in order.iter().enumerate() {
            at[p] = index;
        }
        let mut set: Vec<(Lit, bool)> = Vec::new();
        let universe = self.universe;
        for (i, post) in council.posts.iter().enumerate() {
            let p = at[i];
            let u = &post.unknown;
            if u.anything || u.any_relation || u.flags || u.shared || !u.holds.is_empty() || !u.relations.is_empty() {
                return None;
            }
            set.push((self.shared[p], !post.shared_with.is_empty()));
            set.push((self.officer[p], post.kind == crate::syntax::ast::PostKind::Officer));
            set.push((self.vacant[p], post.vacant.is_some()));
            for (r, role) in universe.roles.iter().enumerate() {
                set.push((self.declares[p][r], post.declares(role)));
                set.push((
                    self.interim[p][r],
                    post.roles.iter().any(|h| h.role == *role && h.interim),
                ));
            }
            for (f, flag) in universe.flags.iter().enumerate() {
                set.push((self.flag[p][f], post.has_flag(flag)));
            }
            let declared: Vec<&hir::RelationStmt> = post.relations.iter().filter(|r| r.implied_by.is_none()).collect();
            for line in &declared {
                let known = universe.post_relations.contains(&line.relation)
                    || universe.item_relations.iter().any(|(r, _)| *r == line.relation);
                if !known {
                    return None;
                }
            }
            for (k, rel) in universe.post_relations.iter().enumerate() {
                for (q, &slot) in at.iter().enumerate() {
                    let named = declared.iter().any(|l| {
                        l.relation == *rel
                            && l.targets
                                .iter()
                                .any(|t| matches!(t, hir::TargetRef::Post(x) if *x == q))
                    });
                    set.push((self.post_line[k][p][slot], named));
                }
            }
            for (k, (rel, items)) in universe.item_relations.iter().enumerate() {
                for (x, item) in items.iter().enumerate() {
                    let named = declared.iter().any(|l| {
                        l.relation == *rel
                            && l.targets
                                .iter()
                                .any(|t| matches!(t, hir::TargetRef::Item(y) if y == item))
                    });
                    set.push((self.item_line[k][p][x], named));
                }
            }
        }
        for p in 0..self.bounds.posts {
            set.push((self.exists[p], p < n));
        }
        for (f, flag) in universe.council_flags.iter().enumerate() {
            set.push((self.council_flag[f], council.has_flag(flag)));
        }
        for m in 0..self.bounds.records {
            let Some(record) = council.records.get(m) else {
                set.push((self.record[m], false));
                continue;
            };
            let (date, _) = record.dated?;
            if record.incomplete {
                return None;
            }
            set.push((self.record[m], true));
            for (i, _) in council.posts.iter().enumerate() {
                set.push((self.covers[m][at[i]], record.covers.contains(&i)));
            }
            for (e, element) in universe.elements.iter().enumerate() {
                set.push((self.addresses[m][e], record.addresses.contains(element)));
            }
            let class = universe.class_of(date, as_of);
            for k in 0..universe.classes() {
                set.push((self.class[m][k], k == class));
            }
        }
        Some(
            set.into_iter()
                .map(|(lit, value)| if value { lit } else { !lit })
                .collect(),
        )
    }
}
