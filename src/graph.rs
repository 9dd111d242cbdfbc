//! Strongly connected components of a small directed graph, without recursion, so a
//! reporting chain thousands of posts deep cannot overflow the stack.
//!
//! Both cycle checks use it: reporting lines (E0202) and `replaces` between guidance
//! (E0304).

/// The cycles of a graph of `n` nodes: each strongly connected component with more than
/// one node, or one node with an edge to itself. Nodes in a component are sorted, and
/// components are ordered by their smallest node.
pub fn cycles(n: usize, successors: &dyn Fn(usize) -> Vec<usize>) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut components = Vec::new();
    // Each frame: the node and the successors still to visit.
    let mut frames: Vec<(usize, Vec<usize>)> = Vec::new();

    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        let mut succ = successors(root);
        succ.reverse();
        frames.push((root, succ));

        while let Some((node, pending)) = frames.last_mut() {
            let node = *node;
            if let Some(next) = pending.pop() {
                if next >= n {
                    continue;
                }
                if index[next] == UNSEEN {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    let mut succ = successors(next);
                    succ.reverse();
                    frames.push((next, succ));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            frames.pop();
            if let Some((parent, _)) = frames.last() {
                low[*parent] = low[*parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                let is_cycle = component.len() > 1 || successors(node).contains(&node);
                if is_cycle {
                    component.sort_unstable();
                    components.push(component);
                }
            }
        }
    }
    components.sort_by_key(|c| c[0]);
    components
}

/// A shortest path inside `component` from `start` back to `start`, as a list of nodes
/// beginning with `start` (the cycle to show a user).
pub fn cycle_through(start: usize, component: &[usize], successors: &dyn Fn(usize) -> Vec<usize>) -> Vec<usize> {
    use std::collections::{HashMap, HashSet, VecDeque};
    let inside: HashSet<usize> = component.iter().copied().collect();
    let mut previous: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in successors(node) {
            if !inside.contains(&next) {
                continue;
            }
            if next == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    at = previous[&at];
                    path.push(at);
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = previous.entry(next) {
                e.insert(node);
                queue.push_back(next);
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(usize, usize)]) -> impl Fn(usize) -> Vec<usize> + '_ {
        move |n| edges.iter().filter(|e| e.0 == n).map(|e| e.1).collect()
    }

    #[test]
    fn finds_self_loops_and_longer_cycles() {
        let edges = [(0, 1), (1, 2), (2, 0), (3, 3), (4, 0)];
        let g = graph(&edges);
        assert_eq!(cycles(5, &g), vec![vec![0, 1, 2], vec![3]]);
        assert_eq!(cycle_through(0, &[0, 1, 2], &g), vec![0, 1, 2]);
        assert_eq!(cycle_through(3, &[3], &g), vec![3]);
    }

    #[test]
    fn a_long_chain_has_no_cycle_and_does_not_overflow() {
        let n = 200_000;
        let g = |i: usize| if i + 1 < n { vec![i + 1] } else { vec![] };
        assert!(cycles(n, &g).is_empty());
        let g = |i: usize| vec![(i + 1) % n];
        assert_eq!(cycles(n, &g).len(), 1);
    }
}
